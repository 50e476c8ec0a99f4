import { join } from 'node:path';
import type { DmpPatientRef } from '../../shared/api/dmp';
import { DmpPatientRefSchema } from '../../shared/api/dmp';
import { HISTORY_MAX_ENTRIES, type HistoryAccesses } from '../../shared/api/history';
import { AppError, isAppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { JournalFiles } from './files';
import type { TransactionAudit, TransactionOutcome } from './hook';
import { createAuditJournal } from './journal';
import { keyIdOf, loadPseudonymKey, pseudonymOf } from './pseudonym';
import type { AuditFacts } from './record';

export interface AuditTrail {
  /** The hook the DMP handler wrappers call after every transaction. */
  readonly record: TransactionAudit;
  /** This desk's transactions for one patient, newest first. */
  accesses(patient: DmpPatientRef): Promise<HistoryAccesses>;
}

export const AUDIT_JOURNAL_FILE = 'dmp-access.jsonl';
export const AUDIT_KEY_FILE = 'pseudonym.key';

/**
 * The local audit trail under `<dir>`: the journal and its pseudonym key side by side.
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
  /** Told after each write attempt (on disk, or waiting for space), so open history views can reload. */
  readonly onRecorded?: () => void;
}): AuditTrail {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const journal = createAuditJournal({
    file: join(options.dir, AUDIT_JOURNAL_FILE),
    ...(options.files === undefined ? {} : { files: options.files }),
  });
  let key: Promise<Buffer> | undefined;
  const loadKey = (): Promise<Buffer> => {
    // A failed load is retried next time (the disk may have been freed), never cached.
    key ??= loadPseudonymKey(join(options.dir, AUDIT_KEY_FILE)).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };

  return {
    record: async (outcome) => {
      if (outcome.professional === undefined) return;
      const professional = outcome.professional;
      try {
        const patient = patientOf(outcome.request);
        const key = await loadKey();
        await journal.append({
          at: now().toISOString(),
          td: outcome.transaction,
          mode: outcome.accessMode,
          ps: professional,
          patient: patient === undefined ? null : pseudonymOf(key, patient),
          kid: keyIdOf(key),
          outcome: outcomeOf(outcome.error),
          doc: documentOf(outcome),
        });
      } catch (error) {
        logger.error('audit.write_failed', {
          code: isAppError(error) ? error.code : 'INTERNAL_ERROR',
          transaction: outcome.transaction,
        });
      }
      options.onRecorded?.();
    },
    accesses: async (patient) => {
      const key = await loadKey();
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
        unsaved: snapshot.unsaved,
      };
    },
  };
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
