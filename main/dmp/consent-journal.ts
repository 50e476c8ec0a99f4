import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { Store } from '../store/client';
import type { ConsentJournal } from './transactions/lifecycle';

/**
 * Consents to create or reactivate a DMP, kept in the encrypted store (table `consents`, rows
 * insert-only: a consent once recorded is evidence). This is patient data, not a log.
 */
export function createStoreConsentJournal(options: {
  readonly store: Store;
  readonly now?: () => Date;
  /** Resolves once older consents (the clear `.jsonl` of earlier versions) are in the store. */
  readonly imported?: Promise<unknown>;
}): ConsentJournal {
  const now = options.now ?? (() => new Date());
  return {
    async record(entry) {
      await options.imported?.catch(() => undefined);
      await options.store.call('consents.record', {
        recordedAt: now().toISOString(),
        kind: entry.kind,
        ins: { oid: entry.patient.oid, matricule: entry.patient.matricule },
        collectedAt: entry.consent.collectedAt,
        form: entry.consent.form,
        practitionerId: entry.practitionerId,
      });
    },
  };
}

const LegacyLineSchema = z.object({
  recordedAt: z.string(),
  kind: z.enum(['creation', 'reactivation']),
  ins: z.object({ matricule: z.string(), oid: z.string() }),
  collectedAt: z.string(),
  form: z.string(),
  practitionerId: z.string(),
});

/**
 * Moves the consents an earlier version kept in clear (`dmp-consents.jsonl`, NIR included) into
 * the store, then deletes the file. Every line must be read before anything is written: a file
 * with a damaged line is left in place (and reported) rather than half moved.
 * Resolves to the number of consents added (0 when there is no file).
 */
export async function importLegacyConsents(store: Store, file: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return 0;
    throw error;
  }
  const rows = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = LegacyLineSchema.safeParse(safeJson(line));
      if (!parsed.success) throw new Error(`legacy consent line ${index + 1} unreadable`);
      return parsed.data;
    });
  const added = await store.call('consents.importLegacy', { rows });
  await rm(file);
  return added;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
