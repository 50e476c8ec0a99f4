import { join } from 'node:path';
import type { DmpPatientRef } from '../../shared/api/dmp';
import { DmpPatientRefSchema } from '../../shared/api/dmp';
import { HISTORY_MAX_ENTRIES, type ActivityIndicators, type HistoryAccesses } from '../../shared/api/history';
import { AppError, isAppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { nodeJournalFiles, type JournalFiles } from './files';
import type { TransactionAudit, TransactionOutcome } from './hook';
import { countActivity, type CountQuery } from './indicators';
import { createAuditJournal } from './journal';
import { keyIdOf, pseudonymOf } from './pseudonym';
import { GENESIS, lineMac, type AuditFacts } from './record';
import type { AuditVault } from './vault';
import { verifyJournal, type AuditVerification } from './verify';

export interface AuditTrail {
  /** The hook the DMP handler wrappers call after every transaction. */
  readonly record: TransactionAudit;
  /** This desk's transactions for one patient, newest first. */
  accesses(patient: DmpPatientRef): Promise<HistoryAccesses>;
  /** The whole journal checked against its chain key and the anchor in the store. */
  verify(): Promise<AuditVerification>;
  /** Per professional and period, distinct DMPs consulted, fed and created: counts only. */
  indicators(query: CountQuery): Promise<ActivityIndicators>;
}

export const AUDIT_JOURNAL_FILE = 'dmp-access.jsonl';
/** Where an earlier version kept the pseudonym key in clear; moved into the vault on first use. */
export const LEGACY_AUDIT_KEY_FILE = 'pseudonym.key';

/**
 * The local audit trail: the journal under `<dir>`, its keys and anchor in the vault (the
 * encrypted store). After each durable append the journal's head (last MAC, line count) is
 * anchored in the vault, so a file cut, emptied or rewritten is caught by `verify()`.
 *
 * A journal write that fails does not fail the DMP call: the national DMP already holds its own
 * trace of the access, and withholding a clinical answer because a local disk is full would harm
 * the patient without undoing anything. The failure is logged as AUDIT_WRITE_FAILED, the line
 * waits in memory and is written with the next one, and the History screen shows it unsaved.
 */
export function createAuditTrail(options: {
  readonly dir: string;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly files?: JournalFiles;
  readonly vault: AuditVault;
  /** Told after each write attempt (on disk, or waiting for space), so open history views can reload. */
  readonly onRecorded?: () => void;
}): AuditTrail {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const file = join(options.dir, AUDIT_JOURNAL_FILE);
  const files = options.files ?? nodeJournalFiles;
  const { vault } = options;
  const readText = async (): Promise<string> => (await files.read(file))?.toString('utf8') ?? '';

  // A failed load is retried next time (the store may come back), never cached.
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let loading: Promise<T> | undefined;
    return () =>
      (loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
  };
  const chainKey = once(async (): Promise<Uint8Array> => {
    const kept = await vault.chainKey({ create: false });
    if (kept !== undefined) return kept;
    // An anchor without its key: the key was deleted. Making a new one would bless whatever the file now holds.
    if ((await vault.anchor()) !== undefined) {
      throw new AppError('AUDIT_KEY_INVALID', { details: { reason: 'chain_key_deleted' } });
    }
    const key = await vault.chainKey({ create: true });
    if (key === undefined) throw new AppError('AUDIT_KEY_INVALID', { details: { reason: 'chain_key_missing' } });
    // First start with a vault: the journal is taken as found (empty, or an earlier version's lines).
    await vault.setAnchor(headOfComplete(await readText(), key));
    return key;
  });
  const pseudonymKey = once(async () => Buffer.from(await vault.pseudonymKey()));
  /**
   * Transactions not yet journaled because the vault (the store) could not give a key: kept in
   * memory only, INS included (it cannot be pseudonymized without the key), and written first,
   * in order, once it can. A desk quitting before that loses them; its log says how many waited.
   */
  const waiting: WaitingLine[] = [];
  const journal = createAuditJournal({
    file,
    files,
    chainKey,
    onAppended: async (head) => {
      await vault.setAnchor(head).catch((error: unknown) => {
        // The line is on disk and chained; verify() reports it as written after the last anchor.
        logger.error('audit.anchor_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
      });
    },
  });

  return {
    record: async (outcome) => {
      if (outcome.professional === undefined) return;
      waiting.push({
        at: now().toISOString(),
        td: outcome.transaction,
        mode: outcome.accessMode,
        ps: outcome.professional,
        patient: patientOf(outcome.request),
        outcome: outcome.error === undefined && outcome.queued === true ? 'queued' : outcomeOf(outcome.error),
        doc: documentOf(outcome),
      });
      try {
        // Oldest first, so the journal keeps the order the transactions happened in.
        const key = await pseudonymKey();
        await chainKey();
        for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
          const { patient, ...facts } = next;
          try {
            await journal.append({
              ...facts,
              patient: patient === undefined ? null : pseudonymOf(key, patient),
              kid: keyIdOf(key),
            });
          } catch (error) {
            // AUDIT_WRITE_FAILED: the journal holds the line and writes it with the next one. Otherwise it never took it.
            if (isAppError(error) && error.code !== 'AUDIT_WRITE_FAILED') waiting.unshift(next);
            throw error;
          }
        }
      } catch (error) {
        logger.error('audit.write_failed', {
          code: isAppError(error) ? error.code : 'INTERNAL_ERROR',
          transaction: outcome.transaction,
          waiting: waiting.length,
        });
      }
      options.onRecorded?.();
    },
    accesses: async (patient) => {
      const key = await pseudonymKey();
      const pseudonym = pseudonymOf(key, patient);
      const kid = keyIdOf(key);
      // Text tests only pre-select lines (serializeRecord writes this exact form); the parsed fields decide.
      const snapshot = await journal.read(
        (raw) => raw.includes(`"patient":"${pseudonym}"`) || !raw.includes(`"kid":"${kid}"`),
      );
      const mine = snapshot.records.filter(({ record }) => record.patient === pseudonym && record.kid === kid);
      const otherKey = snapshot.records.filter(({ record }) => record.patient !== null && record.kid !== kid);
      if (snapshot.chain !== 'intact') {
        logger.warn('audit.chain_broken', { line: snapshot.chain.brokenAt, reason: snapshot.chain.reason });
      }
      return {
        entries: mine
          .slice(-HISTORY_MAX_ENTRIES)
          .reverse()
          .map(({ line, record }) => ({
            line,
            at: record.at,
            transaction: record.td,
            accessMode: record.mode,
            professional: record.ps,
            outcome: record.outcome,
            documentId: record.doc,
          })),
        total: mine.length,
        otherKeyEntries: otherKey.length,
        chain: snapshot.chain,
        unsaved: snapshot.unsaved + waiting.length,
      };
    },
    verify: async () => {
      let text: string;
      try {
        text = await readText();
      } catch (error) {
        throw new AppError('AUDIT_READ_FAILED', { cause: error });
      }
      const [key, anchor] = await Promise.all([vault.chainKey({ create: false }), vault.anchor()]);
      return verifyJournal({ text, key, anchor });
    },
    indicators: async (query) => {
      // Only a successful transaction counts; the text test pre-selects, the parsed outcome decides.
      const snapshot = await journal.read((raw) => raw.includes('"outcome":"ok"'));
      return {
        rows: countActivity(
          snapshot.records.map(({ record }) => record),
          query,
        ),
        timeZone: query.timeZone,
        chain: snapshot.chain,
      };
    },
  };
}

interface WaitingLine extends Omit<AuditFacts, 'patient' | 'kid'> {
  readonly patient: DmpPatientRef | undefined;
}

/** The anchor of a journal as it stands: its complete lines, and the MAC of the last one. */
function headOfComplete(text: string, key: Uint8Array): { head: string; lines: number } {
  const lines = text.split('\n').slice(0, -1);
  const last = lines.at(-1);
  return { head: last === undefined ? GENESIS : lineMac(key, last), lines: lines.length };
}

function patientOf(request: unknown): DmpPatientRef | undefined {
  if (typeof request !== 'object' || request === null || !('patient' in request)) return undefined;
  const parsed = DmpPatientRefSchema.safeParse(request.patient);
  return parsed.success ? parsed.data : undefined;
}

function outcomeOf(error: unknown): AuditFacts['outcome'] {
  if (error === undefined) return 'ok';
  return error instanceof AppError ? error.code : 'INTERNAL_ERROR';
}

/** The document the transaction targeted: the one deposited, read, or whose metadata changed. */
function documentOf(outcome: TransactionOutcome): string | null {
  return (
    stringField(outcome.result, 'uniqueId') ??
    stringField(outcome.request, 'uniqueId') ??
    stringField(outcome.request, 'entryUuid') ??
    null
  );
}

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' && field.length <= 128 ? field : undefined;
}
