import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { DmpAccessModeSchema, PatientIdSchema } from './dmp';
import { event, method } from './define';

/** Most entries one answer carries, newest first; the journal itself keeps everything. */
export const HISTORY_MAX_ENTRIES = 500;

/** DMP transaction codes as the DMP interface names them (TD0.2, TD1.3a, TD3.3c…). */
export const TransactionCodeSchema = z.string().regex(/^TD[0-9]{1,2}\.[0-9]{1,2}[a-d]?$/);

/**
 * `ok`: the DMP answered (a write: received it); `queued`: a write kept in the outbox and not yet
 * received (its delivery is a line of its own, `ok`, once the DMP accepts it); else the error's code.
 */
export const AccessOutcomeSchema = z.union([
  z.literal('ok'),
  z.literal('queued'),
  z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
]);

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

/** Most findings one verification answer lists; `omittedFindings` counts the rest (a shuffled file breaks every line). */
export const AUDIT_MAX_FINDINGS = 100;

const line = z.number().int().positive();
const count = z.number().int().min(0);

/** One thing found wrong with the local journal, each kind of tampering its own (see main/audit/verify.ts). */
export const AuditFindingSchema = z.discriminatedUnion('kind', [
  /** The chain breaks at `line`: that line or the one before was changed, or a line removed. */
  z.object({ kind: z.literal('edited'), line }).strict(),
  /** `line` links to another line than the one before it. */
  z.object({ kind: z.literal('reordered'), line }).strict(),
  /** `lines` lines from `line` on, past the anchored end, were not written by this desk. */
  z.object({ kind: z.literal('appended'), line, lines: line }).strict(),
  /** Fewer lines than the store anchored. */
  z.object({ kind: z.literal('truncated'), missing: line }).strict(),
  /** The journal is empty or gone, yet lines were anchored. */
  z.object({ kind: z.literal('emptied'), missing: line }).strict(),
  /** The chain key is gone from the store. */
  z.object({ kind: z.literal('key_deleted') }).strict(),
  /** Lines but no anchor in the store. */
  z.object({ kind: z.literal('anchor_missing'), lines: line }).strict(),
  /** The last line was cut short by a crash. */
  z.object({ kind: z.literal('torn'), line }).strict(),
]);
export type AuditFinding = z.infer<typeof AuditFindingSchema>;

/** The whole journal checked against its chain key and the anchor kept in the encrypted store. */
export const AuditVerificationSchema = z
  .object({
    intact: z.boolean(),
    lines: count,
    anchoredLines: count,
    /** Lines this desk wrote after the last anchor (a crash between the two writes): not tampering. */
    unanchored: count,
    findings: z.array(AuditFindingSchema).max(AUDIT_MAX_FINDINGS),
    omittedFindings: count,
  })
  .strict();
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/** How the activity indicators group the journal's lines: the user picks one in Settings. */
export const INDICATOR_PERIODS = ['day', 'week', 'month'] as const;
export type IndicatorPeriod = (typeof INDICATOR_PERIODS)[number];

/** Widest range one question may cover (a little over five years of days). */
export const INDICATORS_MAX_DAYS = 1900;
export const INDICATORS_MAX_ROWS = 50_000;

const DAY_MS = 86_400_000;

/** The range is in local calendar days, both ends included; the journal's lines are grouped in main's time zone. */
export const IndicatorsQuerySchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    period: z.enum(INDICATOR_PERIODS),
  })
  .strict()
  .refine(({ from, to }) => from <= to, { message: 'from after to', path: ['to'] })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / DAY_MS < INDICATORS_MAX_DAYS, {
    message: 'range too wide',
    path: ['to'],
  });
export type IndicatorsQuery = z.infer<typeof IndicatorsQuerySchema>;

/** `2026-12-06` (day), `2026-W49` (ISO week, Monday first), `2026-12` (month). */
export const IndicatorPeriodKeySchema = z.string().regex(/^[0-9]{4}-(?:[0-9]{2}-[0-9]{2}|W[0-9]{2}|[0-9]{2})$/);

/**
 * One professional's activity in one period: how many distinct DMPs were consulted, fed and
 * created from this desk. Counts only; the pilot statistics name the professional, never a patient.
 */
export const IndicatorRowSchema = z
  .object({
    period: IndicatorPeriodKeySchema,
    /** National id (RPPS/ADELI IdNat) the transactions were made as. */
    professional: z.string().max(64),
    consulted: count,
    fed: count,
    created: count,
  })
  .strict();
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

export const ActivityIndicatorsSchema = z
  .object({
    rows: z.array(IndicatorRowSchema).max(INDICATORS_MAX_ROWS),
    /** The IANA zone the days, weeks and months were cut in (the desk's). */
    timeZone: z.string().min(1).max(64),
    /** The counts come from the journal as it stands: a broken chain means they may not be this desk's own. */
    chain: ChainStateSchema,
  })
  .strict();
export type ActivityIndicators = z.infer<typeof ActivityIndicatorsSchema>;

export const historyMethods = {
  /** This desk's own DMP transactions for the patient, from the local audit trail. */
  accesses: method(z.object({ patientId: PatientIdSchema }).strict(), HistoryAccessesSchema),
  /** The whole local journal checked against its chain key and the anchor in the store: names no patient. */
  verify: method(z.object({}).strict(), AuditVerificationSchema),
  /** Per professional and period, DMPs consulted, fed and created from this desk: counts only, no patient. */
  indicators: method(IndicatorsQuerySchema, ActivityIndicatorsSchema),
};

export const historyEvents = {
  /** A transaction was journaled, or is waiting for disk space: open history views reload (no payload: the patient stays in main). */
  'history.accessRecorded': event(z.object({}).strict()),
};
