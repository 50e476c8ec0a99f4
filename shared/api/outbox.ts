import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { PatientIdSchema } from './dmp';
import { event, method } from './define';

/**
 * The outbox: every write to the patient's DMP (deposit, replacement, metadata change) is kept in
 * the encrypted store first and sent by main's sync engine, so nothing typed or signed is lost when
 * the network, the card or the process fails, and nothing reaches the DMP twice.
 *
 * - `pending`: accepted, waiting for its turn (or for its backoff delay after a retryable error);
 * - `sending`: on the wire now;
 * - `checking`: the last attempt's outcome is unknown (crash, dropped answer): the engine looks the
 *   document up in the DMP by its uniqueId (TD3.1) before sending it again;
 * - `waiting_card`: no signer for the VIHF (the author's CPS is absent and the establishment may not sign);
 * - `failed`: a permanent refusal, with its reason; the user retries or cancels it;
 * - `sent`: the DMP holds it (kept a short while so the screen can say so, then dropped from the list).
 */
export const OUTBOX_STATES = ['pending', 'sending', 'checking', 'waiting_card', 'failed', 'sent'] as const;
export const OutboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const OutboxKindSchema = z.enum(['deposit', 'replace', 'visibility', 'status']);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

const ErrorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

export const OutboxItemSchema = z
  .object({
    id: z.uuid(),
    kind: OutboxKindSchema,
    patientId: PatientIdSchema,
    /** Who the item is about, for the screen (the patient's name beside every answer about them). */
    patient: z
      .object({ family: z.string().max(100), given: z.string().max(100), birthDate: z.string().max(10) })
      .strict(),
    /** The document's title (deposit, replace) or the title of the entry changed. */
    title: z.string().max(200),
    /** The document's uniqueId, minted once at enqueue: the key of exactly-once delivery. */
    uniqueId: z.string().max(128),
    state: OutboxStateSchema,
    attempts: z.number().int().min(0),
    enqueuedAt: z.iso.datetime(),
    /** When a `pending` item after a retryable error will be tried again. */
    nextAttemptAt: z.iso.datetime().optional(),
    /** The last error: the reason a `failed` item stopped, or why a `pending` one is waiting. */
    lastError: z.object({ code: ErrorCodeSchema, retryable: z.boolean() }).strict().optional(),
  })
  .strict();
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/** The whole outbox for the screen: items not yet dropped, and the progress of the current drain. */
export const OutboxSnapshotSchema = z
  .object({
    items: z.array(OutboxItemSchema).max(2000),
    /** Items sent since the outbox was last empty, over that plus what is still due: "12 / 40 envoyés". */
    progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).strict(),
  })
  .strict();
export type OutboxSnapshot = z.infer<typeof OutboxSnapshotSchema>;

/**
 * What `documents.deposit` answers once the item is in the outbox: `sent` when the engine's first
 * attempt reached the DMP while the user waited, `queued` when it will be sent later (the outbox
 * says why), never an error for a deposit the store accepted.
 */
export const DepositOutcomeSchema = z
  .object({ uniqueId: z.string().max(128), outboxId: z.uuid(), outcome: z.enum(['sent', 'queued']) })
  .strict();
export type DepositOutcome = z.infer<typeof DepositOutcomeSchema>;

/**
 * What a metadata change (`documents.setStatus`, `documents.setVisibility`) answers once the item is
 * in the outbox: `sent` when the DMP accepted it while the user waited, `queued` when it is kept
 * and will be sent later: the DMP, and so the documents list, does not show it yet.
 */
export const ChangeOutcomeSchema = z.enum(['sent', 'queued']);
export type ChangeOutcome = z.infer<typeof ChangeOutcomeSchema>;

export const outboxMethods = {
  list: method(z.object({}).strict(), OutboxSnapshotSchema),
  /** A `failed` item back to `pending` (after the user fixed the cause); answers the new snapshot. */
  retry: method(z.object({ id: z.uuid() }).strict(), OutboxSnapshotSchema),
  /** A `failed` or `waiting_card` item dropped for good (never one that may already be in the DMP). */
  cancel: method(z.object({ id: z.uuid() }).strict(), OutboxSnapshotSchema),
};

export const outboxEvents = {
  'outbox.changed': event(OutboxSnapshotSchema),
};
