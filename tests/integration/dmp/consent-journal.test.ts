import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStoreConsentJournal, importLegacyConsents } from '../../../main/dmp/consent-journal';
import { STORE_DB_FILE } from '../../../main/store/client';
import { openDeskStore } from '../../support/desk-store';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-consents-');
const PATIENT = { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.8' } as const;
const CONSENT = { given: true, collectedAt: '2026-11-22T10:00:00.000Z', form: 'oral' } as const;

describe('consent journal in the encrypted store', () => {
  it('records consents as rows of the store, in order, with no NIR in clear on disk', async () => {
    const dir = await tempDir();
    const { store } = await openDeskStore(dir);
    try {
      const journal = createStoreConsentJournal({ store, now: () => new Date('2026-11-22T10:01:00.000Z') });
      await journal.record({ kind: 'creation', patient: PATIENT, consent: CONSENT, practitionerId: '899700000101' });
      await journal.record({
        kind: 'reactivation',
        patient: PATIENT,
        consent: CONSENT,
        practitionerId: '899700000101',
      });
      const rows = await store.call('consents.list', { patient: PATIENT });
      expect(rows.map((row) => [row.kind, row.recordedAt, row.practitionerId])).toEqual([
        ['creation', '2026-11-22T10:01:00.000Z', '899700000101'],
        ['reactivation', '2026-11-22T10:01:00.000Z', '899700000101'],
      ]);
    } finally {
      await store.close();
    }
    const bytes = await readFile(join(dir, 'store', STORE_DB_FILE));
    expect(bytes.includes(Buffer.from(PATIENT.matricule))).toBe(false);
  });

  it('moves the clear .jsonl of an earlier version into the store once, then deletes it', async () => {
    const dir = await tempDir();
    const legacy = join(dir, 'dmp-consents.jsonl');
    const line = (kind: string) =>
      JSON.stringify({
        recordedAt: '2026-10-01T08:00:00.000Z',
        kind,
        ins: PATIENT,
        collectedAt: CONSENT.collectedAt,
        form: 'written',
        practitionerId: '899700000101',
      });
    const text = `${line('creation')}\n${line('reactivation')}\n`;
    await writeFile(legacy, text);
    const { store } = await openDeskStore(dir);
    try {
      expect(await importLegacyConsents(store, legacy)).toBe(2);
      await expect(stat(legacy)).rejects.toMatchObject({ code: 'ENOENT' });
      // Cut short after the commit, before the delete: the same file again adds nothing twice.
      await writeFile(legacy, text);
      expect(await importLegacyConsents(store, legacy)).toBe(0);
      expect(await store.call('consents.list', { patient: PATIENT })).toHaveLength(2);
      expect(await importLegacyConsents(store, legacy)).toBe(0);

      // A damaged file is left where it is, whole, and nothing of it is taken.
      await writeFile(legacy, `${line('creation')}\nnot json\n`);
      await expect(importLegacyConsents(store, legacy)).rejects.toThrow(/line 2/);
      expect(await readFile(legacy, 'utf8')).toContain('not json');
      expect(await store.call('consents.list', { patient: PATIENT })).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
