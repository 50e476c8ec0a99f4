import type {
  CodedValue,
  DocumentAuthor,
  DocumentPatient,
  DocumentStructure,
  VisibilityCode,
} from '../../../shared/domain/documents';
import { xdsTimestamp } from '../cda/time';
import { UUID } from './constants';
import { codedHl7, institutionXon, patientCx, personXcn, sourcePatientCx, sourcePatientInfo } from './hl7v2';
import { classification, externalIdentifier, localized, slot } from './rim';

const CONFIDENTIALITY_HL7 = '2.16.840.1.113883.5.25';
export const CONFIDENTIALITY_DMP = '1.2.250.1.213.1.1.4.13';
const FORMAT_SYSTEM = '1.3.6.1.4.1.19376.1.2.3';
export const VISIBILITY_LABELS: Readonly<Record<VisibilityCode, string>> = {
  MASQUE_PS: 'Masqué aux professionnels de santé',
  INVISIBLE_PATIENT: 'Non visible par le patient',
  INVISIBLE_REPRESENTANTS_LEGAUX: 'Non visible par les représentants légaux',
};

/** Who and where, shared by the SubmissionSet and every DocumentEntry of one submission. */
export interface SubmissionContext {
  readonly patient: DocumentPatient;
  readonly author: DocumentAuthor;
  readonly structure: DocumentStructure;
}

export interface DocumentEntryInput extends SubmissionContext {
  /** Symbolic id inside the request (e.g. Document01), or the new entryUUID of a metadata update. */
  readonly id: string;
  /** Keeps the logical id across metadata versions (ITI-57); absent for a new document. */
  readonly logicalId?: string;
  readonly uniqueId: string;
  readonly title: string;
  readonly typeCode: CodedValue;
  readonly classCode: CodedValue;
  /** XDS-SD formatCode, e.g. urn:ihe:iti:xds-sd:pdf:2008. */
  readonly formatCode: string;
  readonly creationTime: Date;
  readonly serviceStart: Date;
  readonly serviceStop?: Date;
  readonly legalAuthenticator: DocumentAuthor;
  readonly visibility: readonly VisibilityCode[];
  readonly status?: string;
}

export function authorClassification(
  scheme: string,
  classified: string,
  id: string,
  context: SubmissionContext,
): string {
  return (
    `<Classification classificationScheme="${scheme}" classifiedObject="${classified}" id="${id}" nodeRepresentation="">` +
    slot('authorPerson', [personXcn(context.author)]) +
    slot('authorInstitution', [institutionXon(context.structure)]) +
    slot('authorSpecialty', [codedHl7(context.author.specialty)]) +
    `</Classification>`
  );
}

function confidentiality(id: string, next: () => string, visibility: readonly VisibilityCode[]): string {
  // `N` always first (the CDA confidentialityCode), then the DMP-only visibility codes.
  const normal = classification(UUID.confidentialityCode, id, next(), {
    code: 'N',
    codeSystem: CONFIDENTIALITY_HL7,
    displayName: 'Normal',
  });
  const extra = [...new Set(visibility)].map((code) =>
    classification(UUID.confidentialityCode, id, next(), {
      code,
      codeSystem: CONFIDENTIALITY_DMP,
      displayName: VISIBILITY_LABELS[code],
    }),
  );
  return normal + extra.join('');
}

/** The ExtrinsicObject of a CDA document, every field mapped from the CDA header (spec §8 table). */
export function documentEntry(entry: DocumentEntryInput, next: () => string): string {
  const { id } = entry;
  const stop = entry.serviceStop === undefined ? '' : slot('serviceStopTime', [xdsTimestamp(entry.serviceStop)]);
  const lid = entry.logicalId === undefined ? '' : ` lid="${entry.logicalId}"`;
  const status = entry.status === undefined ? '' : ` status="${entry.status}"`;
  return (
    `<ExtrinsicObject id="${id}"${lid} mimeType="text/xml" objectType="${UUID.documentEntry}"${status}>` +
    slot('creationTime', [xdsTimestamp(entry.creationTime)]) +
    slot('languageCode', ['fr-FR']) +
    slot('legalAuthenticator', [personXcn(entry.legalAuthenticator)]) +
    slot('serviceStartTime', [xdsTimestamp(entry.serviceStart)]) +
    stop +
    slot('sourcePatientId', [sourcePatientCx(entry.patient)]) +
    slot('sourcePatientInfo', sourcePatientInfo(entry.patient)) +
    localized('Name', entry.title) +
    authorClassification(UUID.documentEntryAuthor, id, next(), entry) +
    classification(UUID.classCode, id, next(), entry.classCode) +
    classification(UUID.typeCode, id, next(), entry.typeCode) +
    confidentiality(id, next, entry.visibility) +
    classification(UUID.formatCode, id, next(), {
      code: entry.formatCode,
      codeSystem: FORMAT_SYSTEM,
      displayName: entry.formatCode,
    }) +
    classification(UUID.healthcareFacilityTypeCode, id, next(), entry.structure.facilityType) +
    classification(UUID.practiceSettingCode, id, next(), entry.structure.practiceSetting) +
    entryIdentifiers(id, next, entry) +
    `</ExtrinsicObject>`
  );
}

/** The two identifiers every DocumentEntry carries: the patient (INS as HL7 v2 CX) and its uniqueId. */
function entryIdentifiers(
  id: string,
  next: () => string,
  entry: { readonly patient: SubmissionContext['patient']; readonly uniqueId: string },
): string {
  return (
    externalIdentifier(
      UUID.documentEntryPatientId,
      id,
      next(),
      patientCx(entry.patient),
      'XDSDocumentEntry.patientId',
    ) + externalIdentifier(UUID.documentEntryUniqueId, id, next(), entry.uniqueId, 'XDSDocumentEntry.uniqueId')
  );
}

export interface SignatureEntryInput extends SubmissionContext {
  readonly id: string;
  readonly uniqueId: string;
  readonly signingTime: Date;
}

/** The XAdES document's entry, with the fixed IHE DSG codes and hidden from patient and professionals (spec §5). */
export function signatureEntry(entry: SignatureEntryInput, next: () => string): string {
  const { id } = entry;
  const time = xdsTimestamp(entry.signingTime);
  return (
    `<ExtrinsicObject id="${id}" mimeType="text/xml" objectType="${UUID.documentEntry}">` +
    slot('creationTime', [time]) +
    slot('languageCode', ['art']) +
    slot('legalAuthenticator', [personXcn(entry.author)]) +
    slot('serviceStartTime', [time]) +
    slot('serviceStopTime', [time]) +
    slot('sourcePatientId', [patientCx(entry.patient)]) +
    localized('Name', 'Source') +
    authorClassification(UUID.documentEntryAuthor, id, next(), entry) +
    classification(UUID.classCode, id, next(), {
      code: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1',
      codeSystem: 'URN',
      displayName: 'Digital Signature',
    }) +
    classification(UUID.typeCode, id, next(), { code: 'E1762', codeSystem: 'ASTM', displayName: 'Full Document' }) +
    confidentiality(id, next, ['MASQUE_PS', 'INVISIBLE_PATIENT']) +
    classification(UUID.formatCode, id, next(), {
      code: 'http://www.w3.org/2000/09/xmldsig#',
      codeSystem: 'URN',
      displayName: 'Default Signature Style',
    }) +
    classification(UUID.healthcareFacilityTypeCode, id, next(), entry.structure.facilityType) +
    classification(UUID.practiceSettingCode, id, next(), entry.structure.practiceSetting) +
    classification(UUID.eventCodeList, id, next(), {
      code: '1.2.840.10065.1.12.1.14',
      codeSystem: '1.2.840.10065.1.12',
      displayName: 'Source',
    }) +
    entryIdentifiers(id, next, entry) +
    `</ExtrinsicObject>`
  );
}

export interface SubmissionSetInput extends SubmissionContext {
  readonly id: string;
  readonly uniqueId: string;
  /** The LPS OID (XDSSubmissionSet.sourceId). */
  readonly sourceId: string;
  readonly submissionTime: Date;
  readonly title: string;
  /** contentTypeCode (JDV_J59), e.g. 04 Hospitalisation de jour in 1.2.250.1.213.2.2. */
  readonly contentType: CodedValue;
}

export function submissionSet(input: SubmissionSetInput, next: () => string): string {
  const { id } = input;
  return (
    `<RegistryPackage id="${id}">` +
    slot('submissionTime', [xdsTimestamp(input.submissionTime)]) +
    localized('Name', input.title) +
    authorClassification(UUID.submissionSetAuthor, id, next(), input) +
    classification(UUID.contentTypeCode, id, next(), input.contentType) +
    `<Classification classificationNode="${UUID.submissionSet}" classifiedObject="${id}" id="${next()}"/>` +
    externalIdentifier(
      UUID.submissionSetPatientId,
      id,
      next(),
      patientCx(input.patient),
      'XDSSubmissionSet.patientId',
    ) +
    externalIdentifier(UUID.submissionSetSourceId, id, next(), input.sourceId, 'XDSSubmissionSet.sourceId') +
    externalIdentifier(UUID.submissionSetUniqueId, id, next(), input.uniqueId, 'XDSSubmissionSet.uniqueId') +
    `</RegistryPackage>`
  );
}
