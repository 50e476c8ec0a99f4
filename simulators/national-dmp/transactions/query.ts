import { attr, childPath, firstChild, xmlEscape } from '../../xml/safe-xml';
import { checkAccess, type HandlerResult, type RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { NS, OID } from '../namespaces';
import { SoapFault } from '../soap';
import type { DmpRecord } from '../store/store';
import {
  acknowledgement,
  boolObservation,
  custodian,
  insOf,
  newRootId,
  patientIds,
  personName,
  readHl7Request,
  reasonCodeElement,
  responseHeader,
} from './hl7';
import { requireSamePatient } from './patient-match';

/**
 * TD0.2 (TEST_EXST) and TD1.3a (CNSLT_DATA): PRPA_IN201307UV02 -> PRPA_IN201308UV02, shaped like
 * the official answers in dmp-messages/.
 */
export function handlePatientQuery(context: RequestContext): HandlerResult {
  const request = readHl7Request(context.request.operation);
  const reason = request.reasonCode;
  if (reason !== 'TEST_EXST' && reason !== 'CNSLT_DATA') {
    throw new SoapFault(DMP_CODES.invalidRequest, 'Unknown reasonCode for PRPA_IN201307UV02');
  }
  const query = firstChild(request.controlAct, NS.hl7, 'queryByParameter');
  const nir = insOf(query && childPath(query, NS.hl7, 'parameterList', 'patientIdentifier', 'value'));
  if (query === undefined || nir === undefined)
    throw new SoapFault(DMP_CODES.invalidRequest, 'No patient INS in the query');
  requireSamePatient(context, nir);
  const queryId = firstChild(query, NS.hl7, 'queryId');

  const { decision, actor, dmp } = checkAccess(context, reason === 'TEST_EXST' ? 'TD0.2' : 'TD1.3a', nir);
  let attention = '';
  let subject = '';
  let responseCode: string;
  let ack: string;
  if (!decision.allow) {
    responseCode = 'AE';
    ack = acknowledgement(request, { code: decision.code, text: decision.code });
  } else if (dmp === undefined) {
    responseCode = 'NF';
    ack = acknowledgement(request);
  } else {
    responseCode = 'OK';
    ack = acknowledgement(request);
    if (reason === 'TEST_EXST') {
      const authorization = context.store.getAuthorization(dmp.nir, actor.subjectId);
      attention = attentionLines(
        authorizationValue(authorization?.status),
        dmp.treatingDoctor === context.claims.nameId,
      );
    }
    subject = registrationEvent(reason === 'TEST_EXST' ? existencePatient(dmp) : administrativePatient(dmp));
  }
  const queryAck =
    `<queryAck><queryId extension="${xmlEscape(attr(queryId, 'extension') ?? '')}" root="${xmlEscape(attr(queryId, 'root') ?? '')}"/>` +
    `<queryResponseCode code="${responseCode}"/></queryAck>`;
  return {
    ns1: NS.patients,
    body:
      `<PRPA_IN201308UV02 ITSVersion="XML_1.0" xmlns="${NS.hl7}" xmlns:ns2="${NS.gdp}">` +
      responseHeader('PRPA_IN201308UV02', request, context.now, newRootId()) +
      attention +
      ack +
      `<controlActProcess classCode="CACT" moodCode="EVN">${reasonCodeElement(request.controlAct)}${subject}${queryAck}</controlActProcess>` +
      `</PRPA_IN201308UV02>`,
  };
}

/**
 * Value of the AUTORISATION attention line. VALIDE is confirmed by the official answer; INTERDITE
 * mirrors the TD1.6 mode of a blocked professional and NON_EXISTANTE is our name for "none" [I].
 */
function authorizationValue(status: 'ACTIVE' | 'INTERDITE' | undefined): string {
  if (status === 'ACTIVE') return 'VALIDE';
  return status === 'INTERDITE' ? 'INTERDITE' : 'NON_EXISTANTE';
}

function attentionLines(authorization: string, isTreatingDoctor: boolean): string {
  return (
    `<attentionLine><keyWordText code="AUTORISATION" codeSystem="${OID.authorizationKey}"/>` +
    `<value code="${authorization}" codeSystem="${OID.authorizationValue}" xsi:type="CV" xmlns:xsi="${NS.xsi}"/></attentionLine>` +
    `<attentionLine><keyWordText code="STATUT_MT" codeSystem="${OID.mtStatus}"/>` +
    `<value value="${isTreatingDoctor}" xsi:type="BL" xmlns:xsi="${NS.xsi}"/></attentionLine>`
  );
}

function registrationEvent(patient: string): string {
  return (
    `<subject contextConductionInd="false" typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN">` +
    `<statusCode code="completed"/><subject1 typeCode="SBJ">${patient}</subject1>${custodian()}` +
    `</registrationEvent></subject>`
  );
}

const statusCode = (dmp: DmpRecord): string =>
  `<statusCode code="${dmp.status === 'closed' ? 'terminated' : 'active'}"/>`;

function telecoms(dmp: DmpRecord): string {
  const email = dmp.email === null ? '' : `<telecom value="mailto:${xmlEscape(dmp.email)}"/>`;
  const phone = dmp.phone === null ? '' : `<telecom use="MC" value="tel:${xmlEscape(dmp.phone)}"/>`;
  return email + phone;
}

const person = (dmp: DmpRecord, inner: string): string =>
  `<patientPerson classCode="PSN" determinerCode="INSTANCE">${personName(dmp)}${telecoms(dmp)}` +
  `<administrativeGenderCode code="${xmlEscape(dmp.gender)}"/><birthTime value="${xmlEscape(dmp.birthDate)}"/>${inner}</patientPerson>`;

/** TD0.2: identity, web account and MES attachment; emergency oppositions only when the patient set one. */
function existencePatient(dmp: DmpRecord): string {
  const oppositions =
    (dmp.oppositionBrisDeGlace ? boolObservation('OPPOSITION_BRIS_DE_GLACE', OID.dmpObservations, true) : '') +
    (dmp.oppositionUrgence ? boolObservation('OPPOSITION_ACCES_URGENCE', OID.dmpObservations, true) : '');
  return (
    `<patient classCode="PAT">${patientIds(dmp)}${statusCode(dmp)}${person(dmp, '')}` +
    boolObservation('COMPTE_INTERNET_OUVERT', OID.internetAccount, dmp.internetAccount) +
    boolObservation(
      'RATTACHEMENT_ENS',
      OID.dmpObservations,
      dmp.attachedToMes,
      'information de rattachement du DMP à un ENS',
    ) +
    oppositions +
    `</patient>`
  );
}

/** TD1.3a: administrative data and both opposition flags. */
function administrativePatient(dmp: DmpRecord): string {
  const address =
    dmp.street === null && dmp.postalCode === null && dmp.city === null
      ? ''
      : `<addr>${dmp.street === null ? '' : `<streetAddressLine>${xmlEscape(dmp.street)}</streetAddressLine>`}` +
        `${dmp.postalCode === null ? '' : `<postalCode>${xmlEscape(dmp.postalCode)}</postalCode>`}` +
        `${dmp.city === null ? '' : `<city>${xmlEscape(dmp.city)}</city>`}</addr>`;
  return (
    `<patient classCode="PAT">${patientIds(dmp)}${statusCode(dmp)}${person(dmp, `<deceasedInd value="false"/>${address}`)}` +
    boolObservation(
      'OPPOSITION_BRIS_DE_GLACE',
      OID.dmpObservations,
      dmp.oppositionBrisDeGlace,
      'opposition au mode bris de glace',
    ) +
    boolObservation(
      'OPPOSITION_ACCES_URGENCE',
      OID.dmpObservations,
      dmp.oppositionUrgence,
      "opposition à l'accès au mode urgence",
    ) +
    `</patient>`
  );
}
