import type { Element } from '@xmldom/xmldom';
import { attr, childElements, childPath, firstChild, textOf, xmlEscape } from '../../xml/safe-xml';
import { checkAccess, type HandlerResult, type RequestContext } from '../context';
import { DMP_CODES } from '../fault-codes';
import { NS, OID } from '../namespaces';
import { SoapFault } from '../soap';
import type { DmpRecord } from '../store/store';
import { custodian, idElement, responseHeader, newRootId, type Hl7Request } from './hl7';

/**
 * TD0.5, patient search without INS (IHE PDQv3 PRPA_IN201305UV02 -> PRPA_IN201306UV02), shaped like
 * the official example pair of the kit (k-jefferson/Dehempe `TD0.5 - Recherche d'un patient sans
 * INS_*.xml`): one `registrationEvent` per candidate with its INS and INS-C, its identity traits, a
 * `POURCENTAGE` queryMatchObservation and its `OPPOSITION_ACCES_URGENCE` flag, then a queryAck
 * with the counts and the query echoed.
 *
 * Rights (PDT-INF-526 v1.8, row "TD0.5"): régulation (centre 15) only, for PS and the establishment
 * in indirect mode; the matrix has no TD0.5 row in PDT-INF-606 (AIR), taken here as its direct mode.
 *
 * Where the interface is silent, invented here:
 * - criteria read: livingSubjectName (family, given), livingSubjectAdministrativeGender,
 *   livingSubjectBirthTime; a family name is required (a search by sex or date alone would list
 *   half the country);
 * - matching: names compared without case, accents, hyphens or spaces; a candidate must match the
 *   family name (birth or used) and every other criterion given; POURCENTAGE is the share of
 *   the known traits (family, given, sex, birth date) the request fixed, so a narrower query scores
 *   higher; at most MAX_CANDIDATES answered, the rest counted in resultRemainingQuantity;
 * - closed DMPs are not candidates; a patient who opposed the emergency access is listed with the
 *   flag true (the LPS must then not open it), as the official answer carries that flag;
 * - trace: one access line for the search (no patient), and one per candidate disclosed, so the
 *   patient's access history shows who found the record in regulation.
 */
const MAX_CANDIDATES = 10;

interface Criteria {
  readonly family: string;
  readonly given: string | undefined;
  readonly gender: string | undefined;
  readonly birthDate: string | undefined;
}

const normalize = (value: string): string =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[-'\s]+/g, ' ')
    .trim()
    .toUpperCase();

function readCriteria(parameters: Element): Criteria {
  const name = childPath(parameters, NS.hl7, 'livingSubjectName', 'value');
  const family = normalize(textOf(name && firstChild(name, NS.hl7, 'family')) ?? '');
  if (family === '') throw new SoapFault(DMP_CODES.invalidRequest, 'TD0.5 needs livingSubjectName/value/family');
  const given = normalize(textOf(name && firstChild(name, NS.hl7, 'given')) ?? '');
  const gender = attr(childPath(parameters, NS.hl7, 'livingSubjectAdministrativeGender', 'value'), 'code');
  const birthDate = attr(childPath(parameters, NS.hl7, 'livingSubjectBirthTime', 'value'), 'value');
  if (birthDate !== undefined && !/^\d{8}$/.test(birthDate)) {
    throw new SoapFault(DMP_CODES.invalidRequest, 'livingSubjectBirthTime must be YYYYMMDD');
  }
  if (gender !== undefined && !['M', 'F', 'U'].includes(gender)) {
    throw new SoapFault(DMP_CODES.invalidRequest, 'livingSubjectAdministrativeGender must be M, F or U');
  }
  return { family, given: given === '' ? undefined : given, gender, birthDate };
}

/** The percentage of traits fixed by the request that the record matches, or undefined when it is no candidate. */
export function matchScore(
  dmp: Pick<DmpRecord, 'family' | 'given' | 'gender' | 'birthDate'>,
  criteria: Criteria,
): number | undefined {
  if (normalize(dmp.family) !== criteria.family) return undefined;
  const givenNames = normalize(dmp.given).split(' ');
  if (criteria.given !== undefined && !criteria.given.split(' ').every((name) => givenNames.includes(name))) {
    return undefined;
  }
  if (criteria.gender !== undefined && dmp.gender !== criteria.gender) return undefined;
  if (criteria.birthDate !== undefined && dmp.birthDate !== criteria.birthDate) return undefined;
  const fixed = 1 + [criteria.given, criteria.gender, criteria.birthDate].filter((c) => c !== undefined).length;
  return Math.round((fixed / 4) * 100);
}

function readQuery(operation: Element): { request: Hl7Request; query: Element; parameters: Element } {
  if (operation.namespaceURI !== NS.hl7) throw new SoapFault(DMP_CODES.invalidRequest, 'Not an HL7v3 message');
  const id = firstChild(operation, NS.hl7, 'id');
  const root = attr(id, 'root');
  const senderDevice = childPath(operation, NS.hl7, 'sender', 'device');
  const controlAct = firstChild(operation, NS.hl7, 'controlActProcess');
  const query = controlAct && firstChild(controlAct, NS.hl7, 'queryByParameter');
  const parameters = query && firstChild(query, NS.hl7, 'parameterList');
  if (root === undefined || senderDevice === undefined || controlAct === undefined || parameters === undefined) {
    throw new SoapFault(DMP_CODES.invalidRequest, 'Incomplete PRPA_IN201305UV02');
  }
  return {
    request: {
      interaction: operation.localName ?? '',
      id: { root, extension: attr(id, 'extension') },
      senderId: attr(firstChild(senderDevice, NS.hl7, 'id'), 'root') ?? '',
      senderSoftware: textOf(firstChild(senderDevice, NS.hl7, 'softwareName')) ?? '',
      controlAct,
      reasonCode: '',
    },
    query: query as Element,
    parameters,
  };
}

function candidate(dmp: DmpRecord, score: number): string {
  const name =
    `<name>${dmp.prefix === null ? '' : `<prefix>${xmlEscape(dmp.prefix)}</prefix>`}` +
    `<given>${xmlEscape(dmp.given)}</given><family qualifier="SP">${xmlEscape(dmp.family)}</family></name>`;
  const address =
    dmp.city === null && dmp.postalCode === null
      ? ''
      : `<addr>${dmp.city === null ? '' : `<city>${xmlEscape(dmp.city)}</city>`}` +
        `${dmp.postalCode === null ? '' : `<postalCode>${xmlEscape(dmp.postalCode)}</postalCode>`}</addr>`;
  return (
    `<subject contextConductionInd="false" typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN">` +
    `<statusCode code="active"/><subject1 typeCode="SBJ"><patient classCode="PAT">` +
    // The INS first, then the legacy INS-C, as the official TD0.5 answer orders them.
    idElement(dmp.insOid, dmp.nir) +
    (dmp.insc === null ? '' : idElement(OID.insc, dmp.insc)) +
    `<statusCode code="active"/>` +
    `<patientPerson classCode="PSN" determinerCode="INSTANCE">${name}` +
    `<administrativeGenderCode code="${xmlEscape(dmp.gender)}"/><birthTime value="${xmlEscape(dmp.birthDate)}"/>${address}</patientPerson>` +
    `<subjectOf1 typeCode="SBJ"><queryMatchObservation classCode="COND" moodCode="EVN">` +
    `<code code="POURCENTAGE" xsi:type="CS" xmlns:xsi="${NS.xsi}"/>` +
    `<value value="${score}" xsi:type="INT" xmlns:xsi="${NS.xsi}"/></queryMatchObservation></subjectOf1>` +
    // typeCode and classCode/moodCode are required by the NE2008 PRPA_MT201310UV02 schema, though
    // the official example leaves them out.
    `<subjectOf2 typeCode="SBJ"><administrativeObservation classCode="OBS" moodCode="EVN">` +
    `<code code="OPPOSITION_ACCES_URGENCE" codeSystem="${OID.dmpObservations}" displayName="opposition au mode Urgence"/>` +
    `<value value="${dmp.oppositionUrgence}" xsi:type="BL" xmlns:xsi="${NS.xsi}"/></administrativeObservation></subjectOf2>` +
    `</patient></subject1>${custodian()}</registrationEvent></subject>`
  );
}

/**
 * The PDQv3 answer's acknowledgement (NE2008 MCCI_MT000300UV01): its typeCode is an element, as in
 * the official TD0.5 answer, where the patients service's answers (NE2009) carry an attribute.
 */
function pdqAcknowledgement(request: Hl7Request, error?: string): string {
  const target = `<targetMessage>${idElement(request.id.root, request.id.extension)}</targetMessage>`;
  const detail =
    error === undefined
      ? ''
      : `<acknowledgementDetail typeCode="E"><code code="${xmlEscape(error)}"/><text>${xmlEscape(error)}</text></acknowledgementDetail>`;
  return `<acknowledgement><typeCode code="${error === undefined ? 'AA' : 'AE'}"/>${target}${detail}</acknowledgement>`;
}

export function handlePatientSearch(context: RequestContext): HandlerResult {
  const { request, query, parameters } = readQuery(context.request.operation);
  const criteria = readCriteria(parameters);
  const { decision, actor } = checkAccess(context, 'TD0.5', undefined, reasonTrace(context));

  let subjects = '';
  let counts = '';
  let responseCode: string;
  let ack: string;
  if (!decision.allow) {
    responseCode = 'AE';
    ack = pdqAcknowledgement(request, decision.code);
  } else {
    const found = context.store
      .listDmps()
      .filter((dmp) => dmp.status !== 'closed')
      .flatMap((dmp) => {
        const score = matchScore(dmp, criteria);
        return score === undefined ? [] : [{ dmp, score }];
      })
      .sort((a, b) => b.score - a.score || a.dmp.nir.localeCompare(b.dmp.nir));
    const shown = found.slice(0, MAX_CANDIDATES);
    for (const { dmp } of shown) {
      context.store.logAccess({
        at: context.now.toISOString(),
        nir: dmp.nir,
        actorId: context.claims.nameId,
        structureId: context.claims.structureId,
        authMode: context.claims.authMode,
        accessMode: actor.mode,
        transaction: 'TD0.5',
        outcome: 'allow',
        documentUniqueId: null,
        reason: context.claims.accessReason ?? null,
      });
    }
    subjects = shown.map(({ dmp, score }) => candidate(dmp, score)).join('');
    responseCode = found.length === 0 ? 'NF' : 'OK';
    ack = pdqAcknowledgement(request);
    counts =
      `<resultTotalQuantity value="${found.length}"/><resultCurrentQuantity value="${shown.length}"/>` +
      `<resultRemainingQuantity value="${found.length - shown.length}"/>`;
  }
  const queryId = firstChild(query, NS.hl7, 'queryId');
  const queryIdExtension = attr(queryId, 'extension');
  const queryAck =
    `<queryAck><queryId${queryIdExtension === undefined ? '' : ` extension="${xmlEscape(queryIdExtension)}"`}` +
    ` root="${xmlEscape(attr(queryId, 'root') ?? OID.dmpSystem)}"/>` +
    `<queryResponseCode code="${responseCode}"/>${counts}</queryAck>`;
  return {
    ns1: NS.patients,
    body:
      `<PRPA_IN201306UV02 ITSVersion="XML_1.0" xmlns="${NS.hl7}">` +
      responseHeader('PRPA_IN201306UV02', request, context.now, newRootId()) +
      ack +
      `<controlActProcess classCode="CACT" moodCode="EVN">` +
      `<code code="PRPA_TE201306UV02" codeSystem="${OID.hl7Interaction}"/>` +
      subjects +
      queryAck +
      echo(query) +
      `</controlActProcess></PRPA_IN201306UV02>`,
  };
}

const reasonTrace = (context: RequestContext): { reason?: string } =>
  context.claims.accessReason === undefined ? {} : { reason: context.claims.accessReason };

/** The queryByParameter of the request, echoed as PDQv3 answers do (elements and attributes the schema knows). */
function echo(query: Element): string {
  const serialize = (element: Element): string => {
    // Unprefixed attributes only: a prefixed one (xsi:type) would need its namespace declared again.
    const attributes = Array.from(element.attributes)
      .filter((a) => !a.name.includes(':') && a.name !== 'xmlns')
      .map((a) => ` ${a.name}="${xmlEscape(a.value)}"`)
      .join('');
    const kids = childElements(element);
    const inner = kids.length === 0 ? xmlEscape(textOf(element) ?? '') : kids.map(serialize).join('');
    return `<${element.localName ?? ''}${attributes}>${inner}</${element.localName ?? ''}>`;
  };
  return serialize(query);
}
