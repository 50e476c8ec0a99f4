import { z } from 'zod';
import { TransactionCodeSchema } from '../../shared/api/history';
import { DMP_ACCESS_MODES, type DmpAccessMode } from '../../shared/domain/dmp';
import type { AvailabilityStatus } from '../../shared/domain/documents';
import { AppError } from '../../shared/errors';
import type { MtomAttachment } from '../soap/mtom';
import type { VihfPractitioner } from '../dmp/vihf/types';

/**
 * What an outbox item sends, built once at enqueue and kept (encrypted) in the store: the SOAP
 * body with the uniqueIds minted into it, the MTOM parts (CDA, XAdES), and who it is sent as.
 * Only the VIHF and the envelope are made at send time, so a retry sends the very same document.
 */
export interface OutboxRequest {
  /** The practitioner the VIHF names: the document's author, whoever's key signs the token. */
  readonly author: VihfPractitioner;
  readonly accessMode: DmpAccessMode;
  /** The typed reason of an emergency access (never logged; kept only in the encrypted store). */
  readonly emergencyReason?: string;
  readonly service: 'registry' | 'repository';
  readonly action: string;
  readonly body: string;
  readonly attachments: readonly MtomAttachment[];
  /**
   * The TD code the audit line of its delivery names (TD2.1, TD3.3a…). Absent in items written
   * before metadata changes went through the outbox: those were all deposits or replacements (TD2.1).
   */
  readonly transaction?: string;
  /**
   * How an ITI-57 change is looked up in the DMP before it is sent again (deposits are looked up by
   * their uniqueId, which the row holds): the entryUUID minted into the body for a new metadata
   * version, or the entry whose availability status must have become `status`.
   */
  readonly check?: MetadataCheck;
}

export interface MetadataCheck {
  readonly entryUuid: string;
  /** Set for a status change: the entry is found but must be in this status to count as delivered. */
  readonly status?: AvailabilityStatus;
}

/**
 * Still 1: `transaction` and `check` are optional, so an item kept by an earlier version reads
 * back as it was written (a deposit), and this version's items read in an earlier one as deposits
 * would (it never wrote metadata changes, and drops the fields it does not know).
 */
const FORMAT = 1;

const StoredSchema = z.object({
  format: z.literal(FORMAT),
  author: z.object({
    nationalId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    roles: z.array(
      z.object({
        code: z.string(),
        codeSystem: z.string(),
        codeSystemName: z.string().optional(),
        displayName: z.string().optional(),
      }),
    ),
  }),
  accessMode: z.enum(DMP_ACCESS_MODES),
  emergencyReason: z.string().optional(),
  service: z.enum(['registry', 'repository']),
  action: z.string(),
  body: z.string(),
  attachments: z.array(z.object({ contentId: z.string(), contentType: z.string(), data: z.base64() })),
  transaction: TransactionCodeSchema.optional(),
  check: z
    .object({
      entryUuid: z.string().min(1).max(128),
      status: z.enum(['approved', 'deprecated', 'archived', 'deleted']).optional(),
    })
    .optional(),
});
/** As written: the practitioner's roles as they were (read-only arrays are fine to serialize). */
type Stored = Omit<z.input<typeof StoredSchema>, 'author'> & { readonly author: VihfPractitioner };

/** The request as the store keeps it: JSON, the MTOM parts in base64. */
export function encodeRequest(request: OutboxRequest): Uint8Array {
  const stored: Stored = {
    format: FORMAT,
    author: request.author,
    accessMode: request.accessMode,
    ...(request.emergencyReason === undefined ? {} : { emergencyReason: request.emergencyReason }),
    service: request.service,
    action: request.action,
    body: request.body,
    attachments: request.attachments.map((part) => ({
      contentId: part.contentId,
      contentType: part.contentType,
      data: Buffer.from(part.data).toString('base64'),
    })),
    ...(request.transaction === undefined ? {} : { transaction: request.transaction }),
    ...(request.check === undefined
      ? {}
      : {
          check: {
            entryUuid: request.check.entryUuid,
            ...(request.check.status === undefined ? {} : { status: request.check.status }),
          },
        }),
  };
  return new Uint8Array(Buffer.from(JSON.stringify(stored), 'utf8'));
}

/** Reads back what encodeRequest wrote; a payload of another format is a permanent failure of that item. */
export function decodeRequest(payload: Uint8Array): OutboxRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new AppError('OUTBOX_PAYLOAD_UNREADABLE');
  }
  const stored = StoredSchema.safeParse(parsed);
  if (!stored.success) throw new AppError('OUTBOX_PAYLOAD_UNREADABLE', { details: { reason: 'format' } });
  const { format: _format, author, emergencyReason, attachments, transaction, check, ...rest } = stored.data;
  return {
    ...rest,
    author: {
      ...author,
      roles: author.roles.map((role) => ({
        code: role.code,
        codeSystem: role.codeSystem,
        ...(role.codeSystemName === undefined ? {} : { codeSystemName: role.codeSystemName }),
        ...(role.displayName === undefined ? {} : { displayName: role.displayName }),
      })),
    },
    ...(emergencyReason === undefined ? {} : { emergencyReason }),
    attachments: attachments.map((part) => ({
      contentId: part.contentId,
      contentType: part.contentType,
      data: new Uint8Array(Buffer.from(part.data, 'base64')),
    })),
    ...(transaction === undefined ? {} : { transaction }),
    ...(check === undefined
      ? {}
      : { check: { entryUuid: check.entryUuid, ...(check.status === undefined ? {} : { status: check.status }) } }),
  };
}
