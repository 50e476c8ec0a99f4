import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, storeErrorOf } from '../../../main/store/database';
import { STORE_OPS } from '../../../main/store/ops';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-db-');

describe('store database', () => {
  it('opens in WAL mode with foreign keys on and the newest schema', async () => {
    const db = openDatabase(join(await tempDir(), 'desk.sqlite'), randomBytes(32));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('reports a full disk as STORE_DISK_FULL and keeps what was already written', async () => {
    const db = openDatabase(join(await tempDir(), 'desk.sqlite'), randomBytes(32));
    STORE_OPS['settings.set'](db, { key: 'kept', value: 'yes' });
    // The database's own size limit gives SQLite's real SQLITE_FULL path without filling a disk.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 1}`);
    const patient = { oid: 'oid', matricule: 'm' };
    const big = Array.from({ length: 200 }, (_, n) => ({
      uniqueId: `1.${n}`,
      entryUuid: null,
      title: 'x'.repeat(2000),
      typeCode: 'c',
      status: 'approved',
      creationTime: '20260101',
      cachedAt: '2026-01-01',
    }));
    let failure: unknown;
    try {
      STORE_OPS['documents.put'](db, { patient, documents: big });
    } catch (error) {
      failure = error;
    }
    expect(storeErrorOf(failure)).toMatchObject({ code: 'STORE_DISK_FULL', retryable: true });
    // The batch is one transaction: none of it, and everything from before.
    expect(STORE_OPS['documents.list'](db, { patient })).toEqual([]);
    expect(STORE_OPS['settings.get'](db, { key: 'kept' })).toBe('yes');
    db.close();
  });

  it('maps SQLite codes without keeping their message', () => {
    const sqlite = (code: string): Error => Object.assign(new Error(`near "DUPONT": ${code}`), { code });
    expect(storeErrorOf(sqlite('SQLITE_NOTADB')).code).toBe('STORE_WRONG_KEY');
    expect(storeErrorOf(sqlite('SQLITE_CORRUPT_INDEX')).code).toBe('STORE_CORRUPT');
    expect(storeErrorOf(sqlite('SQLITE_IOERR_WRITE')).code).toBe('STORE_IO');
    expect(storeErrorOf(sqlite('SQLITE_FULL')).code).toBe('STORE_DISK_FULL');
    const other = storeErrorOf(sqlite('SQLITE_CONSTRAINT'));
    expect(other.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(other.toShape())).not.toContain('DUPONT');
  });
});
