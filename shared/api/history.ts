import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { DmpAccessModeSchema, PatientIdSchema } from './dmp';
import { event, method } from './define';

/** Most entries one answer carries, newest first; the journal itself keeps everything. */
export const HISTORY_MAX_ENTRIES = 500;

/** DMP transaction codes as the DMP interface names them (TD0.2, TD1.3a, TD3.3c…). */
export const TransactionCodeSchema = z.string().regex(/^TD[0-9]{1,2}\.[0-9]{1,2}[a-d]?$/);

export const AccessOutcomeSchema = z.union([z.literal('ok'), z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]])]);

/** One DMP transaction made from this desk for the patient: who, when, how; never what was read. */
export const HistoryAccessSchema = z
  .object({
    /** Line of the journal (1-based), so a broken chain can be related to the entries around it. */
    line: z.number().int().positive(),
    at: z.iso.datetime(),
    transaction: TransactionCodeSchema,
    accessMode: DmpAccessModeSchema,
    /** National id (RPPS/ADELI IdNat) of the professional who made the call. */
    professional: z.string().max(64),
    outcome: AccessOutcomeSchema,
    /** The document's uniqueId (or entryUUID for a status change) when the transaction targets one. */
    documentId: z.string().max(128).nullable(),
  })
  .strict();
export type HistoryAccess = z.infer<typeof HistoryAccessSchema>;

export const CHAIN_BREAKS = ['torn', 'malformed', 'chain'] as const;

/** Whether every line of the journal still links to the one before it. */
export const ChainStateSchema = z.union([
  z.literal('intact'),
  z.object({ brokenAt: z.number().int().positive(), reason: z.enum(CHAIN_BREAKS) }).strict(),
]);
export type ChainState = z.infer<typeof ChainStateSchema>;

export const HistoryAccessesSchema = z
  .object({
    entries: z.array(HistoryAccessSchema).max(HISTORY_MAX_ENTRIES),
    /** Entries of this patient in the journal; more than `entries` when the answer was capped. */
    total: z.number().int().min(0),
    /**
     * Patient entries written under another pseudonym key (the key file was lost and recreated):
     * they stay in the journal but can no longer be matched to any patient.
     */
    otherKeyEntries: z.number().int().min(0),
    chain: ChainStateSchema,
    /** Entries of this session not yet on disk (full disk): they are retried on the next write. */
    unsaved: z.number().int().min(0),
  })
  .strict();
export type HistoryAccesses = z.infer<typeof HistoryAccessesSchema>;

export const historyMethods = {
  /** This desk's own DMP transactions for the patient, from the local audit trail. */
  accesses: method(z.object({ patientId: PatientIdSchema }).strict(), HistoryAccessesSchema),
};

export const historyEvents = {
  /** A transaction was journaled, or is waiting for disk space: open history views reload (no payload: the patient stays in main). */
  'history.accessRecorded': event(z.object({}).strict()),
};
