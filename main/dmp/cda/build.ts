import { AppError } from '../../../shared/errors';
import type { CodedValue, DocumentAuthor } from '../../../shared/domain/documents';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../../xml';
import { hl7Timestamp } from './time';
import type { CdaN1Input } from './types';

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
const BIRTH_DATE = /^\d{4}(\d{2}(\d{2})?)?$/;
const PS_OID = '1.2.250.1.71.4.2.1';
const STRUCTURE_OID = '1.2.250.1.71.4.2.2';
const CONFIDENTIALITY_NORMAL = 'code="N" displayName="Normal" codeSystem="2.16.840.1.113883.5.25"';

export interface BuiltCda {
  readonly xml: string;
  readonly uniqueId: string;
  readonly setId: string;
  readonly versionNumber: number;
}

function invalid(field: string): never {
  throw new AppError('DOC_INVALID_INPUT', { details: { field } });
}

function requireOid(value: string, field: string): string {
  return OID.test(value) ? value : invalid(field);
}

function requireText(value: string, field: string): string {
  return value.trim() === '' ? invalid(field) : value.trim();
}

const coded = (element: string, value: CodedValue): string =>
  `<${element} code="${attr(value.code)}" displayName="${attr(value.displayName)}" codeSystem="${attr(value.codeSystem)}"/>`;

const personName = (person: DocumentAuthor): string =>
  `<name><family>${text(requireText(person.family, 'author.family'))}</family>` +
  `<given>${text(requireText(person.given, 'author.given'))}</given></name>`;

const psId = (person: DocumentAuthor): string =>
  `<id root="${PS_OID}" extension="${attr(requireText(person.nationalId, 'author.nationalId'))}"/>`;

function organization(element: string, input: CdaN1Input, extra = ''): string {
  const { structure } = input;
  return (
    `<${element}><id root="${STRUCTURE_OID}" extension="${attr(requireText(structure.id, 'structure.id'))}"/>` +
    `<name>${text(requireText(structure.name, 'structure.name'))}</name>` +
    `<telecom nullFlavor="NASK"/><addr nullFlavor="NASK"/>${extra}</${element}>`
  );
}

function recordTarget(input: CdaN1Input): string {
  const { patient } = input;
  if (!BIRTH_DATE.test(patient.birthDate)) invalid('patient.birthDate');
  const local =
    patient.localId === undefined
      ? ''
      : `<id root="${attr(requireOid(patient.localId.root, 'patient.localId.root'))}" extension="${attr(patient.localId.extension)}"/>`;
  const given = requireText(patient.givenNames, 'patient.givenNames');
  const firstGiven = given.split(/\s+/)[0] ?? given;
  return (
    `<recordTarget><patientRole>` +
    `<id root="${attr(requireOid(patient.ins.root, 'patient.ins.root'))}" extension="${attr(requireText(patient.ins.extension, 'patient.ins.extension'))}"/>` +
    `${local}<addr nullFlavor="NASK"/><telecom nullFlavor="NASK"/>` +
    `<patient classCode="PSN"><name>` +
    `<family qualifier="BR">${text(requireText(patient.birthFamily, 'patient.birthFamily'))}</family>` +
    `<given>${text(given)}</given><given qualifier="BR">${text(firstGiven)}</given>` +
    `</name>` +
    `<administrativeGenderCode code="${patient.sex}" codeSystem="2.16.840.1.113883.5.1"/>` +
    `<birthTime value="${patient.birthDate}"/>` +
    `<birthplace><place><addr><county>${text(requireText(patient.birthPlaceCode, 'patient.birthPlaceCode'))}</county></addr></place></birthplace>` +
    `</patient></patientRole></recordTarget>`
  );
}

function author(input: CdaN1Input): string {
  return (
    `<author><time value="${hl7Timestamp(input.effectiveTime)}"/><assignedAuthor>${psId(input.author)}` +
    `${coded('code', input.author.specialty)}<addr nullFlavor="NASK"/><telecom nullFlavor="NASK"/>` +
    `<assignedPerson>${personName(input.author)}</assignedPerson>` +
    `${organization('representedOrganization', input)}</assignedAuthor></author>`
  );
}

function custodian(input: CdaN1Input): string {
  return `<custodian><assignedCustodian>${organization('representedCustodianOrganization', input)}</assignedCustodian></custodian>`;
}

function legalAuthenticator(input: CdaN1Input): string {
  const person = input.legalAuthenticator ?? input.author;
  return (
    `<legalAuthenticator><time value="${hl7Timestamp(input.effectiveTime)}"/><signatureCode code="S"/>` +
    `<assignedEntity>${psId(person)}<assignedPerson>${personName(person)}</assignedPerson></assignedEntity>` +
    `</legalAuthenticator>`
  );
}

function documentationOf(input: CdaN1Input): string {
  const high = input.serviceStop === undefined ? '' : `<high value="${hl7Timestamp(input.serviceStop)}"/>`;
  return (
    `<documentationOf><serviceEvent>${coded('code', input.typeCode)}` +
    `<effectiveTime><low value="${hl7Timestamp(input.serviceStart)}"/>${high}</effectiveTime>` +
    `<performer typeCode="PRF"><assignedEntity>${psId(input.author)}` +
    `<assignedPerson>${personName(input.author)}</assignedPerson>` +
    organization(
      'representedOrganization',
      input,
      coded('standardIndustryClassCode', input.structure.practiceSetting),
    ) +
    `</assignedEntity></performer></serviceEvent></documentationOf>`
  );
}

function relatedDocument(input: CdaN1Input): string {
  const old = input.replaces;
  if (old === undefined) return '';
  return (
    `<relatedDocument typeCode="RPLC"><parentDocument>` +
    `<id root="${attr(requireOid(old.uniqueId, 'replaces.uniqueId'))}"/>` +
    `<setId root="${attr(requireOid(old.setId, 'replaces.setId'))}"/>` +
    `<versionNumber value="${old.versionNumber}"/></parentDocument></relatedDocument>`
  );
}

function componentOf(input: CdaN1Input): string {
  return (
    `<componentOf><encompassingEncounter><effectiveTime><low value="${hl7Timestamp(input.serviceStart)}"/></effectiveTime>` +
    `<location><healthCareFacility>${coded('code', input.structure.facilityType)}</healthCareFacility></location>` +
    `</encompassingEncounter></componentOf>`
  );
}

/**
 * A CDA R2 level 1 document (CI-SIS "non structuré"): the CI-SIS header around a base64 body.
 * Written as text rather than through a DOM: the shape is fixed, and a 1 MB PDF would otherwise
 * be copied through the serializer several times.
 */
export function buildCdaN1(input: CdaN1Input): BuiltCda {
  const uniqueId = requireOid(input.uniqueId, 'uniqueId');
  const setId = requireOid(input.replaces?.setId ?? input.setId ?? uniqueId, 'setId');
  const versionNumber = input.replaces === undefined ? 1 : input.replaces.versionNumber + 1;
  if (input.body.content.length === 0) invalid('body');
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<realmCode code="FR"/><typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>` +
    `<templateId root="2.16.840.1.113883.2.8.2.1"/><templateId root="1.2.250.1.213.1.1.1.1"/>` +
    `<templateId root="1.3.6.1.4.1.19376.1.2.20"/>` +
    `<id root="${uniqueId}"/>${coded('code', input.typeCode)}` +
    `<title>${text(requireText(input.title, 'title'))}</title>` +
    `<effectiveTime value="${hl7Timestamp(input.effectiveTime)}"/>` +
    `<confidentialityCode ${CONFIDENTIALITY_NORMAL}/><languageCode code="fr-FR"/>` +
    `<setId root="${setId}"/><versionNumber value="${versionNumber}"/>` +
    recordTarget(input) +
    author(input) +
    custodian(input) +
    legalAuthenticator(input) +
    documentationOf(input) +
    relatedDocument(input) +
    componentOf(input) +
    `<component><nonXMLBody><text mediaType="${input.body.mediaType}" representation="B64">` +
    Buffer.from(input.body.content).toString('base64') +
    `</text></nonXMLBody></component></ClinicalDocument>`;
  return { xml, uniqueId, setId, versionNumber };
}
