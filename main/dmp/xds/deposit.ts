import { AppError } from '../../../shared/errors';
import type {
  CodedValue,
  DocumentAuthor,
  DocumentPatient,
  DocumentStructure,
  VisibilityCode,
} from '../../../shared/domain/documents';
import type { Signer } from '../../crypto/signer';
import { buildCdaN1, N1_MEDIA_TYPES, type BuiltCda, type N1MediaType, type ReplacedDocument } from '../cda';
import { canonicalDocumentDigest, signXades } from '../xades';
import { classCodeFor } from './class-codes';
import { uuidOid } from './ids';
import { buildProvideAndRegister, type ProvideAndRegisterRequest } from './iti41';
import { requireInValueSet, type DepositValueSets } from './value-sets';

export interface DepositInput {
  readonly content: Uint8Array;
  readonly mediaType: N1MediaType;
  readonly title: string;
  readonly typeCode: CodedValue;
  readonly patient: DocumentPatient;
  readonly author: DocumentAuthor;
  readonly structure: DocumentStructure;
  readonly legalAuthenticator?: DocumentAuthor;
  /** Masking / visibility chosen at deposit (the CDA itself stays `N`). */
  readonly visibility?: readonly VisibilityCode[];
  readonly replaces?: ReplacedDocument;
  readonly serviceStart?: Date;
  readonly serviceStop?: Date;
  /** SubmissionSet contentTypeCode (JDV_J59). */
  readonly contentType: CodedValue;
  /** The LPS OID (sourceId) and, optionally, the root under which uniqueIds are minted. */
  readonly sourceId: string;
  readonly signer: Signer;
  readonly valueSets?: DepositValueSets;
  readonly now?: Date;
  readonly newOid?: () => string;
}

export interface Deposit {
  readonly cda: BuiltCda;
  readonly signatureXml: string;
  readonly uniqueIds: { readonly submissionSet: string; readonly document: string; readonly signature: string };
  readonly request: ProvideAndRegisterRequest;
}

/**
 * Everything TD2.1 sends, except the VIHF and the envelope: the CDA R2 N1 document, its metadata
 * mapped from the same header, the XAdES signature over both, and the MTOM parts. Codes are checked
 * against the DMP value sets before the card is asked to sign.
 */
export async function buildDeposit(input: DepositInput): Promise<Deposit> {
  const now = input.now ?? new Date();
  const newOid = input.newOid ?? uuidOid;
  requireInValueSet(input.valueSets?.typeCode, input.typeCode, 'typeCode');
  requireInValueSet(input.valueSets?.healthcareFacilityTypeCode, input.structure.facilityType, 'facilityType');
  requireInValueSet(input.valueSets?.practiceSettingCode, input.structure.practiceSetting, 'practiceSetting');
  requireInValueSet(input.valueSets?.authorSpecialty, input.author.specialty, 'authorSpecialty');
  const classCode = classCodeFor(input.typeCode);
  if (classCode === undefined) {
    throw new AppError('DOC_CODE_NOT_IN_VALUE_SET', { details: { field: 'classCode', code: input.typeCode.code } });
  }
  const uniqueIds = { submissionSet: newOid(), document: newOid(), signature: newOid() };
  const serviceStart = input.serviceStart ?? now;
  const legalAuthenticator = input.legalAuthenticator ?? input.author;
  const cda = buildCdaN1({
    uniqueId: uniqueIds.document,
    title: input.title,
    typeCode: input.typeCode,
    effectiveTime: now,
    serviceStart,
    ...(input.serviceStop === undefined ? {} : { serviceStop: input.serviceStop }),
    patient: input.patient,
    author: input.author,
    structure: input.structure,
    legalAuthenticator,
    body: { mediaType: input.mediaType, content: input.content },
    ...(input.replaces === undefined ? {} : { replaces: input.replaces }),
  });
  const cdaBytes = Buffer.from(cda.xml, 'utf8');
  const signatureXml = await signXades({
    signatureId: uniqueIds.signature,
    submissionSetUniqueId: uniqueIds.submissionSet,
    documents: [{ uniqueId: uniqueIds.document, digest: canonicalDocumentDigest(cda.xml) }],
    signingTime: now,
    signer: input.signer,
  });
  const context = { patient: input.patient, author: input.author, structure: input.structure };
  const request = buildProvideAndRegister({
    submissionSet: {
      ...context,
      id: 'SubmissionSet01',
      uniqueId: uniqueIds.submissionSet,
      sourceId: input.sourceId,
      submissionTime: now,
      title: input.title,
      contentType: input.contentType,
    },
    document: {
      ...context,
      id: 'Document01',
      uniqueId: uniqueIds.document,
      title: input.title,
      typeCode: input.typeCode,
      classCode,
      formatCode: N1_MEDIA_TYPES[input.mediaType],
      creationTime: now,
      serviceStart,
      ...(input.serviceStop === undefined ? {} : { serviceStop: input.serviceStop }),
      legalAuthenticator,
      visibility: input.visibility ?? [],
      content: cdaBytes,
    },
    signature: {
      ...context,
      id: 'Signature01',
      uniqueId: uniqueIds.signature,
      signingTime: now,
      content: Buffer.from(signatureXml, 'utf8'),
    },
    ...(input.replaces === undefined ? {} : { replacesEntryUuid: input.replaces.entryUuid }),
  });
  return { cda, signatureXml, uniqueIds, request };
}
