import { z } from 'zod';
import { ChangeOutcomeSchema, DepositOutcomeSchema } from './outbox';
import type { VisibilityCode } from '../domain/documents';
import { PatientIdSchema } from './dmp';
import { method } from './define';
import { ReadableCdaSchema } from './readable-cda';

/** Largest PDF the desk deposits: the DMP accepts a few MB per document, base64 grows it by a third. */
export const MAX_DEPOSIT_PDF_BYTES = 5 * 1024 * 1024;
const MAX_DEPOSIT_BASE64_CHARS = Math.ceil(MAX_DEPOSIT_PDF_BYTES / 3) * 4;

export const DOCUMENT_STATUSES = ['approved', 'deprecated', 'archived'] as const;
export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

const VISIBILITY = [
  'MASQUE_PS',
  'INVISIBLE_PATIENT',
  'INVISIBLE_REPRESENTANTS_LEGAUX',
] as const satisfies readonly VisibilityCode[];
export const VisibilityCodeSchema = z.enum(VISIBILITY);

const CodeSchema = z.string().regex(/^[A-Za-z0-9._/-]{1,64}$/);
const OidSchema = z.string().regex(/^[0-2](\.[0-9]+)+$/);
const EntryUuidSchema = z.string().regex(/^urn:uuid:[0-9a-fA-F-]{36}$/);

export const DocumentTypeSchema = z
  .object({ code: CodeSchema, codeSystem: OidSchema, displayName: z.string().min(1).max(200) })
  .strict();

/**
 * The emergency session (bris de glace / centre 15) a document call is made under. Main keeps the
 * mode and the typed reason; the renderer only names the session the banner shows.
 */
const EmergencySessionIdSchema = z.uuid().optional();

/** A type the desk offers at deposit (JDV_J07 with a known class); `common` ones are listed first. */
export const DepositTypeOfferSchema = DocumentTypeSchema.extend({ common: z.boolean() }).strict();
export type DepositTypeOffer = z.infer<typeof DepositTypeOfferSchema>;

export const DocumentSearchRequestSchema = z
  .object({
    patientId: PatientIdSchema,
    statuses: z.array(DocumentStatusSchema).min(1).max(3).default(['approved']),
    typeCodes: z
      .array(DocumentTypeSchema.pick({ code: true, codeSystem: true }))
      .max(20)
      .optional(),
    /** ISO dates (inclusive bounds on the creation time). */
    createdFrom: z.iso.datetime().optional(),
    createdTo: z.iso.datetime().optional(),
    /**
     * ISO dates (inclusive) on the submission time: what was deposited or changed in a period,
     * whatever its creation date (FindSubmissionSets → GetAssociations → GetDocuments).
     */
    submittedFrom: z.iso.datetime().optional(),
    submittedTo: z.iso.datetime().optional(),
    /** Only the documents carrying one of these visibility codes (e.g. the masked ones). */
    visibility: z.array(VisibilityCodeSchema).min(1).max(3).optional(),
    emergencySessionId: EmergencySessionIdSchema,
  })
  .strict();
/** As the renderer sends it (defaults not yet applied). */
export type DocumentSearchRequest = z.input<typeof DocumentSearchRequestSchema>;

export const DocumentSummarySchema = z
  .object({
    uniqueId: z.string(),
    entryUuid: z.string(),
    title: z.string().nullable(),
    type: z.object({ code: z.string(), displayName: z.string() }).strict().nullable(),
    /** XDS creationTime as sent (YYYYMMDD[hhmmss]), UTC. */
    creationTime: z.string().nullable(),
    author: z.string().nullable(),
    status: z.enum(['approved', 'deprecated', 'archived', 'deleted']),
    maskedToProfessionals: z.boolean(),
    visibility: z.array(z.string()),
    version: z.string().nullable(),
    mimeType: z.string().nullable(),
  })
  .strict();
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentRetrieveRequestSchema = z
  .object({ patientId: PatientIdSchema, uniqueId: OidSchema, emergencySessionId: EmergencySessionIdSchema })
  .strict();

/**
 * When the DMP could not be reached and the answer comes from this desk's encrypted cache: the
 * instant the oldest part of it was fetched from the DMP (the screen shows its age).
 */
const CachedAtSchema = z.iso.datetime().optional();

/** N1: the embedded bytes; structured CDA: a data-only readable tree, never the XML itself. */
export const RetrievedContentSchema = z.union([
  z
    .object({
      mediaType: z.enum(['application/pdf', 'text/plain']),
      contentBase64: z.string(),
      cachedAt: CachedAtSchema,
    })
    .strict(),
  z
    .object({ mediaType: z.literal('application/hl7-cda+xml'), readable: ReadableCdaSchema, cachedAt: CachedAtSchema })
    .strict(),
]);
export type RetrievedContent = z.infer<typeof RetrievedContentSchema>;

/** A deposit for the patient: the CDA header's identity traits are the qualified identity's, taken by main. */
export const DocumentDepositRequestSchema = z
  .object({
    patientId: PatientIdSchema,
    title: z.string().trim().min(1).max(200),
    type: DocumentTypeSchema,
    pdfBase64: z.base64().min(8).max(MAX_DEPOSIT_BASE64_CHARS),
    visibility: z.array(VisibilityCodeSchema).max(3).default([]),
    /** RPLC: the version this deposit replaces; main reads its setId and versionNumber from its CDA. */
    replaces: z.object({ entryUuid: EntryUuidSchema, uniqueId: OidSchema }).strict().optional(),
  })
  .strict();

/** TD3.3c/d: archive, bring back or delete one entry; the registry refuses a stale current status. */
export const DocumentStatusChangeRequestSchema = z
  .object({
    patientId: PatientIdSchema,
    entryUuid: EntryUuidSchema,
    currentStatus: z.enum(['approved', 'archived']),
    change: z.enum(['archive', 'unarchive', 'delete']),
    /** Archiving is open to a médecin in régulation / bris de glace (M526 TD3.3d). */
    emergencySessionId: EmergencySessionIdSchema,
  })
  .strict();

/**
 * TD3.3a/b: codes to add to or remove from the entry's confidentiality set (mask to professionals,
 * hide from the patient or the legal representatives). A code in both lists is a contradiction.
 */
export const DocumentVisibilityRequestSchema = z
  .object({
    patientId: PatientIdSchema,
    entryUuid: EntryUuidSchema,
    add: z.array(VisibilityCodeSchema).max(3).optional(),
    remove: z.array(VisibilityCodeSchema).max(3).optional(),
  })
  .strict()
  .refine((r) => (r.add?.length ?? 0) + (r.remove?.length ?? 0) > 0, { message: 'nothing to change' })
  .refine((r) => !(r.add ?? []).some((code) => (r.remove ?? []).includes(code)), {
    message: 'a code both added and removed',
  });

/**
 * Which document a metadata change was about, as the outbox and the access history name it: its
 * uniqueId, or the entryUUID changed when the desk did not know the document (a status change).
 */
const ChangedDocumentIdSchema = z.string().max(128);

export const documentsMethods = {
  search: method(
    DocumentSearchRequestSchema,
    z.object({ documents: z.array(DocumentSummarySchema), cachedAt: CachedAtSchema }).strict(),
  ),
  retrieve: method(DocumentRetrieveRequestSchema, RetrievedContentSchema),
  /** Kept in the outbox first (main/sync), then sent: answers whether it reached the DMP while the user waited. */
  deposit: method(DocumentDepositRequestSchema, DepositOutcomeSchema),
  /** Kept in the outbox first, like a deposit; `outboxId` names the item (absent when sent without an outbox). */
  setStatus: method(
    DocumentStatusChangeRequestSchema,
    z
      .object({ outcome: ChangeOutcomeSchema, outboxId: z.uuid().optional(), uniqueId: ChangedDocumentIdSchema })
      .strict(),
  ),
  /** The document types the desk offers at deposit, from the packaged DMP value sets. */
  depositTypes: method(z.object({}).strict(), z.object({ types: z.array(DepositTypeOfferSchema) }).strict()),
  /**
   * Kept in the outbox first, like a deposit. Answers the visibility set the entry has (`unchanged`:
   * it already had it, nothing was queued) or will have once the new version is delivered.
   */
  setVisibility: method(
    DocumentVisibilityRequestSchema,
    z
      .object({
        outcome: z.union([ChangeOutcomeSchema, z.literal('unchanged')]),
        outboxId: z.uuid().optional(),
        uniqueId: ChangedDocumentIdSchema,
        visibility: z.array(VisibilityCodeSchema),
      })
      .strict(),
  ),
};
