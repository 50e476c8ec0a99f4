import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { attr, childElements, childPath, firstChild, textOf, xmlEscape } from '../../xml/safe-xml';
import { DMP_CODES } from '../fault-codes';
import { NS } from '../namespaces';
import { SoapFault } from '../soap';
import type { DmpRecord } from '../store/store';
import {
  acknowledgement,
  custodian,
  insOf,
  newMessageId,
  observationValue,
  personName,
  reasonCodeElement,
  responseHeader,
  type Hl7Request,
} from './hl7';

/** What a PRPA_IN201311UV02 / PRPA_IN201314UV02 registration request says about the patient and its author. */
export interface RegistrationRequest {
  /** The request's registrationRequest element, echoed back in error answers. */
  readonly element: Element;
  readonly nir: string;
  readonly insOid: string;
  readonly patient: Element;
  readonly person: Element | undefined;
  readonly requestedStatus: string | undefined;
  readonly authorId: string | undefined;
  readonly authorFamily: string | undefined;
  readonly authorGiven: string | undefined;
}

export function readRegistration(request: Hl7Request): RegistrationRequest {
  const registration = childPath(request.controlAct, NS.hl7, 'subject', 'registrationRequest');
  const patient = registration && childPath(registration, NS.hl7, 'subject1', 'patient');
  const id = patient && firstChild(patient, NS.hl7, 'id');
  const nir = insOf(id);
  if (registration === undefined || patient === undefined || nir === undefined) {
    throw new SoapFault(DMP_CODES.invalidRequest, 'No patient INS in the registration request');
  }
  const assigned = childPath(registration, NS.hl7, 'author', 'assignedEntity');
  const authorName = assigned && childPath(assigned, NS.hl7, 'assignedPerson', 'name');
  return {
    element: registration,
    nir,
    insOid: attr(id, 'root') ?? '',
    patient,
    person: firstChild(patient, NS.hl7, 'patientPerson'),
    requestedStatus: attr(firstChild(patient, NS.hl7, 'statusCode'), 'code'),
    authorId: attr(assigned && firstChild(assigned, NS.hl7, 'id'), 'extension'),
    authorFamily: textOf(authorName && firstChild(authorName, NS.hl7, 'family')),
    authorGiven: textOf(authorName && firstChild(authorName, NS.hl7, 'given')),
  };
}

/** Identity and contact fields the request carries; absent fields stay undefined (no change). */
export function readPersonUpdate(registration: RegistrationRequest): Partial<DmpRecord> {
  const person = registration.person;
  if (person === undefined) return {};
  const name = firstChild(person, NS.hl7, 'name');
  const addr = firstChild(person, NS.hl7, 'addr');
  const update: Record<string, string | boolean | null | undefined> = {
    prefix: textOf(name && firstChild(name, NS.hl7, 'prefix')),
    family: textOf(name && firstChild(name, NS.hl7, 'family')),
    given: textOf(name && firstChild(name, NS.hl7, 'given')),
    gender: attr(firstChild(person, NS.hl7, 'administrativeGenderCode'), 'code'),
    birthDate: attr(firstChild(person, NS.hl7, 'birthTime'), 'value'),
    street: textOf(addr && firstChild(addr, NS.hl7, 'streetAddressLine')),
    postalCode: textOf(addr && firstChild(addr, NS.hl7, 'postalCode')),
    city: textOf(addr && firstChild(addr, NS.hl7, 'city')),
  };
  for (const telecom of childElements(person, NS.hl7, 'telecom')) {
    const value = telecom.getAttribute('value') ?? '';
    if (value.startsWith('mailto:')) update['email'] = value.slice('mailto:'.length);
    // The mobile is the channel the DMP keeps (use MC), as in the official answers.
    else if (value.startsWith('tel:') && (update['phone'] === undefined || telecom.getAttribute('use') === 'MC')) {
      update['phone'] = value.slice('tel:'.length);
    }
  }
  const bdg = observationValue(registration.patient, 'OPPOSITION_BRIS_DE_GLACE');
  const urgence = observationValue(registration.patient, 'OPPOSITION_ACCES_URGENCE');
  if (bdg !== undefined) update['oppositionBrisDeGlace'] = bdg;
  if (urgence !== undefined) update['oppositionUrgence'] = urgence;
  return Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined && value !== ''));
}

/** What an accepted answer says about the patient. */
export type AnsweredPatient = Pick<DmpRecord, 'nir' | 'insOid' | 'status' | 'prefix' | 'given' | 'family'>;

/**
 * The GDP answer wrapper (WSDL GestionDossierPatientPartage, ns asip:ci-sis:gdp:2010) holding the
 * accept or the error interaction.
 */
export function registrationResponse(options: {
  wrapper: 'PRPA_IN201311UV02_Response' | 'PRPA_IN201314UV02_Response';
  interaction: string;
  request: Hl7Request;
  now: Date;
  error?: { code: string; text: string };
  dmp?: AnsweredPatient;
  withPatientId?: boolean;
  echo?: Element;
}): string {
  const { request, dmp } = options;
  // Accepted: the registered event. Refused: the request's registrationRequest echoed back, as the
  // HL7 error interactions (PRPA_IN201313UV02, PRPA_IN201316UV02) carry it.
  let patient = '';
  if (options.error !== undefined && options.echo !== undefined) {
    patient = `<subject contextConductionInd="false" typeCode="SUBJ">${new XMLSerializer().serializeToString(options.echo)}</subject>`;
  } else if (dmp !== undefined) {
    patient =
      `<subject contextConductionInd="false" typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN">` +
      `<statusCode code="completed"/><subject1 typeCode="SBJ"><patient classCode="PAT">` +
      (options.withPatientId === true
        ? `<id extension="${xmlEscape(dmp.nir)}" root="${xmlEscape(dmp.insOid)}"/>`
        : '') +
      `<statusCode code="${dmp.status === 'closed' ? 'terminated' : 'active'}"/>` +
      `<patientPerson classCode="PSN" determinerCode="INSTANCE">${personName(dmp, true)}</patientPerson>` +
      `</patient></subject1>${custodian()}</registrationEvent></subject>`;
  }
  return (
    `<ns2:${options.wrapper} xmlns="${NS.hl7}" xmlns:ns2="${NS.gdp}">` +
    `<${options.interaction} ITSVersion="XML_1.0">` +
    responseHeader(options.interaction, request, options.now, newMessageId()) +
    acknowledgement(request, options.error) +
    `<controlActProcess classCode="CACT" moodCode="EVN">${reasonCodeElement(request.controlAct)}${patient}</controlActProcess>` +
    `</${options.interaction}></ns2:${options.wrapper}>`
  );
}
