import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../../simulators/national-dmp/store/migrations';
import { SimulatorStore } from '../../../../simulators/national-dmp/store/store';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir('dmp-sim-docs-');

describe('migration 002 (documents)', () => {
  it('brings a version-1 file forward, keeping its rows, and adds the document tables', async () => {
    const file = join(await tempDir(), 'v1.sqlite');
    const v1 = new Database(file);
    v1.exec(MIGRATIONS[0] ?? '');
    v1.pragma('user_version = 1');
    v1.prepare(
      `INSERT INTO access_log (at, nir, actor_id, structure_id, auth_mode, access_mode, transaction_code, outcome)
       VALUES ('2026-01-01T00:00:00Z', '207058575627097', '899900063480', 'S', 'DIRECTE', 'normal', 'TD0.2', 'allow')`,
    ).run();
    expect(migrate(v1)).toBe(2);
    const tables = (v1.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (row) => row.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining(['submission_set', 'document_entry', 'document_content', 'association']),
    );
    v1.close();
    const store = new SimulatorStore(file);
    expect(store.listAccess()).toEqual([
      expect.objectContaining({ transaction: 'TD0.2', documentUniqueId: null, reason: null }),
    ]);
    store.close();
  });

  it('keeps one row per (lid, version)', () => {
    const store = new SimulatorStore(':memory:');
    const metadata = {
      kind: 'RegistryPackage' as const,
      id: 'urn:uuid:ss',
      lid: undefined,
      status: undefined,
      mimeType: undefined,
      objectType: undefined,
      slots: [],
      name: undefined,
      description: undefined,
      classifications: [],
      externalIdentifiers: [],
    };
    store.documents.insertSubmissionSet({
      entryUuid: 'urn:uuid:ss',
      uniqueId: '1.2.3',
      nir: '207058575627097',
      sourceId: '1.2',
      submissionTime: '20260101000000',
      authorId: null,
      authorStructure: null,
      receivedAt: '2026-01-01T00:00:00Z',
      metadata,
    });
    const entry = {
      entryUuid: 'urn:uuid:e1',
      lid: 'urn:uuid:e1',
      version: 1,
      uniqueId: '1.2.3.4',
      nir: '207058575627097',
      status: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
      isSignature: false,
      authorId: null,
      authorStructure: null,
      classCode: '10',
      typeCode: null,
      creationTime: null,
      serviceStart: null,
      serviceStop: null,
      masked: false,
      invisiblePatient: false,
      submissionSet: 'urn:uuid:ss',
      submittedAt: '2026-01-01T00:00:00Z',
      metadata: { ...metadata, kind: 'ExtrinsicObject' as const, id: 'urn:uuid:e1' },
    };
    store.documents.insertEntry(entry);
    expect(() => store.documents.insertEntry({ ...entry, entryUuid: 'urn:uuid:e2' })).toThrow(/UNIQUE/);
    store.documents.insertEntry({ ...entry, entryUuid: 'urn:uuid:e3', version: 2 });
    expect(store.documents.latestVersion('urn:uuid:e1')?.entryUuid).toBe('urn:uuid:e3');
    store.close();
  });
});
