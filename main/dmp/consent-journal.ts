import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ConsentJournal } from './transactions/lifecycle';

/**
 * Consents to create or reactivate a DMP, one JSON line each, in the user's data folder (mode
 * 0600). Append-only: a consent once recorded is evidence and is never rewritten. This file is
 * patient data, not a log.
 */
export function createFileConsentJournal(file: string, now: () => Date = () => new Date()): ConsentJournal {
  return {
    async record(entry) {
      const line = JSON.stringify({
        recordedAt: now().toISOString(),
        kind: entry.kind,
        ins: { matricule: entry.patient.matricule, oid: entry.patient.oid },
        collectedAt: entry.consent.collectedAt,
        form: entry.consent.form,
        practitionerId: entry.practitionerId,
      });
      try {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${line}\n`, { mode: 0o600 });
      } catch (cause) {
        const errno = (cause as { code?: unknown }).code;
        throw new AppError(errno === 'ENOSPC' ? 'STORAGE_FULL' : 'STORAGE_IO', { cause });
      }
    },
  };
}
