import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { AccessOutcomeSchema, TransactionCodeSchema } from '../../shared/api/history';
import { DMP_ACCESS_MODES } from '../../shared/domain/dmp';

/**
 * One line of the audit journal. Deliberately poor: when, which transaction, in which access mode,
 * by whom, with which outcome, on which document id, for which pseudonymous patient. No title, no
 * content, no emergency reason, no name: the journal must be safe to hand to a security auditor.
 */
export const AuditRecordSchema = z
  .object({
    /** 2: linked by HMAC under the chain key; 1: an earlier version's unkeyed SHA-256 link, kept as found. */
    v: z.union([z.literal(1), z.literal(2)]),
    at: z.iso.datetime(),
    td: TransactionCodeSchema,
    mode: z.enum(DMP_ACCESS_MODES),
    ps: z.string().max(64),
    /** HMAC pseudonym of the INS (hex), or null for a transaction about no single patient (TD0.4). */
    patient: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    /** Which pseudonym key wrote the line: a key lost and recreated leaves lines no patient can be matched to. */
    kid: z.string().regex(/^[0-9a-f]{16}$/),
    outcome: AccessOutcomeSchema,
    doc: z.string().max(128).nullable(),
    /** HMAC-SHA-256 (hex) of the previous line's bytes under the chain key (v1: its SHA-256), or GENESIS for the first line. */
    prev: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** What a caller says about a transaction; the journal adds the chain link. */
export type AuditFacts = Omit<AuditRecord, 'v' | 'prev'>;

export const GENESIS = '0'.repeat(64);

/** The link of a version 1 line: anyone can recompute it, so it only ever proves order among old lines. */
export const lineHash = (line: string): string => createHash('sha256').update(line, 'utf8').digest('hex');

/**
 * The link of a version 2 line: without the chain key (kept in the encrypted store, never beside
 * the journal) no one can forge a line, recompute the chain after an edit, or extend it.
 */
export const lineMac = (key: Uint8Array, line: string): string =>
  createHmac('sha256', key).update(line, 'utf8').digest('hex');

/** Fixed key order, so the bytes of a line (and therefore the chain) never depend on object construction. */
export function serializeRecord(facts: AuditFacts, prev: string): string {
  const record: AuditRecord = {
    v: 2,
    at: facts.at,
    td: facts.td,
    mode: facts.mode,
    ps: facts.ps,
    patient: facts.patient,
    kid: facts.kid,
    outcome: facts.outcome,
    doc: facts.doc,
    prev,
  };
  return JSON.stringify(record);
}

export function parseRecord(line: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = AuditRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
