import { z } from 'zod';
import {
  IDENTITY_ATTRIBUTES,
  IDENTITY_DOCUMENT_TYPES,
  IDENTITY_STATUSES,
  type DocumentCheck,
  type IdentityRecordView,
  type IdentityTraits,
  type Ins,
  type InsiIndividual,
  type TraitDiscrepancy,
} from '../domain/identity';
import { event, method } from './define';

const NAME = z.string().min(1).max(100);
/** `YYYY-MM-DD` or `YYYYMMDD`; lunar values (day or month 00, 30 February) are legal. */
const BIRTH_DATE = z.string().regex(/^\d{4}-?\d{2}-?\d{2}$/);
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const IdentityTraitsSchema = z
  .object({
    birthName: NAME,
    firstNames: z.array(NAME).min(1).max(10).readonly(),
    sex: z.enum(['M', 'F']).optional(),
    birthDate: BIRTH_DATE,
    birthPlace: z.string().max(5).optional(),
  })
  .strict() satisfies z.ZodType<IdentityTraits>;

export const IdentityStatusSchema = z.enum(IDENTITY_STATUSES);

const InsSchema = z
  .object({
    nir13: z.string().length(13),
    key: z.string().length(2),
    oid: z.string().max(64),
    kind: z.enum(['NIR', 'NIA', 'NIR_TEST', 'NIR_DEMO']),
    keyValid: z.boolean(),
    startDate: DATE.optional(),
    endDate: DATE.optional(),
  })
  .strict() satisfies z.ZodType<Ins>;

const InsiIndividualSchema = z
  .object({ active: InsSchema, history: z.array(InsSchema).max(20).readonly(), traits: IdentityTraitsSchema })
  .strict() satisfies z.ZodType<InsiIndividual>;

const SOURCE_VALUE = z.string().max(300).optional();

const TraitDiscrepancySchema = z
  .object({
    field: z.enum(['birthName', 'firstNames', 'sex', 'birthDate', 'birthPlace']),
    values: z.object({ vitale: SOURCE_VALUE, typed: SOURCE_VALUE, insi: SOURCE_VALUE }).strict(),
  })
  .strict() satisfies z.ZodType<TraitDiscrepancy>;

const DocumentCheckSchema = z
  .object({ documentType: z.enum(IDENTITY_DOCUMENT_TYPES), checkedOn: DATE })
  .strict() satisfies z.ZodType<DocumentCheck>;

export const IdentityRecordSchema = z
  .object({
    patientId: z.uuid(),
    status: IdentityStatusSchema,
    attributes: z.array(z.enum(IDENTITY_ATTRIBUTES)).max(2).readonly(),
    vitale: IdentityTraitsSchema.optional(),
    typed: IdentityTraitsSchema.optional(),
    insi: InsiIndividualSchema.optional(),
    discrepancies: z.array(TraitDiscrepancySchema).max(5).readonly(),
    documentCheck: DocumentCheckSchema.optional(),
    canSearchWithVitale: z.boolean(),
    insc: z
      .string()
      .regex(/^\d{22}$/)
      .optional(),
  })
  .strict() satisfies z.ZodType<IdentityRecordView>;

const PatientRequest = z.object({ patientId: z.uuid() }).strict();

export const identityMethods = {
  /**
   * A new patient session at the desk, starting PROV: from what the desk has — the carte Vitale in
   * `reader` and the chosen beneficiary (main reads the card itself, never takes its data from the
   * renderer), or the traits typed from an identity document for a patient without a card.
   */
  open: method(
    z.union([
      z.object({ reader: z.string().min(1).max(200), beneficiaryIndex: z.number().int().min(0).max(31) }).strict(),
      z.object({ traits: IdentityTraitsSchema }).strict(),
    ]),
    IdentityRecordSchema,
  ),
  get: method(PatientRequest, IdentityRecordSchema),
  /** Traits typed from the identity document; a change voids the INSi match and the document check. */
  setTypedTraits: method(
    z.object({ patientId: z.uuid(), traits: IdentityTraitsSchema }).strict(),
    IdentityRecordSchema,
  ),
  /** INSi `rechercherInsAvecCarteVitale`. 01 -> INSI_NO_MATCH, 02 -> INSI_MULTIPLE_MATCHES. */
  searchInsWithVitale: method(PatientRequest, IdentityRecordSchema),
  /** INSi `rechercherInsAvecTraitsIdentite` with the typed traits (first-name strategy). */
  searchInsWithTraits: method(PatientRequest, IdentityRecordSchema),
  /** The operator takes the INSi traits as the identity's traits. */
  adoptInsiTraits: method(PatientRequest, IdentityRecordSchema),
  /** Records that an identity document was checked. Type checked in main (IDENTITY_DOCUMENT_NOT_ALLOWED). */
  recordDocumentCheck: method(
    z.object({ patientId: z.uuid(), documentType: z.string().max(40), checkedOn: DATE.optional() }).strict(),
    IdentityRecordSchema,
  ),
  /** RNIV attributes: doubtful (DOUT) or fictitious (FICT) identities cannot be validated or qualified. */
  setAttributes: method(
    z.object({ patientId: z.uuid(), attributes: z.array(z.enum(IDENTITY_ATTRIBUTES)).max(2) }).strict(),
    IdentityRecordSchema,
  ),
};

export const identityEvents = {
  'identity.statusChanged': event(z.object({ patientId: z.uuid(), status: IdentityStatusSchema }).strict()),
};
