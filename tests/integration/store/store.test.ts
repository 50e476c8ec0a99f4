import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openStore, STORE_DB_FILE, STORE_KEY_FILE, type Store } from '../../../main/store/client';
import { DOCUMENTS_PAGE_MAX } from '../../../main/store/ops';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import { AppError } from '../../../shared/errors';
import { testKeystore } from '../../support/test-keystore';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-store-');
const keys = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() });
const patient = { oid: '1.2.250.1.213.1.4.8', matricule: '284127512345645' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

const sha256 = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function withStore<T>(dir: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dir, keys });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function filledStore(): Promise<string> {
  const dir = await tempDir();
  await withStore(dir, async (store) => {
    await store.call('documents.put', {
      patient,
      documents: Array.from({ length: 300 }, (_, n) => ({
        uniqueId: `1.2.3.${n}`,
        entryUuid: null,
        title: `Compte rendu ${n}`,
        typeCode: n % 2 === 0 ? '11488-4' : '34133-9',
        status: 'approved',
        creationTime: `2026${String(100000 + n)}`,
        cachedAt: '2026-12-01T00:00:00.000Z',
      })),
    });
  });
  return dir;
}

describe('encrypted store in its worker thread', () => {
  it('keeps data across a close and a reopen, in a file with no clear text', async () => {
    const dir = await tempDir();
    await withStore(dir, (store) => store.call('settings.set', { key: 'retentionDays', value: 7 }));
    await withStore(dir, async (store) => {
      expect(await store.call('settings.get', { key: 'retentionDays' })).toBe(7);
    });
    const bytes = await readFile(join(dir, STORE_DB_FILE));
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('retentionDays'))).toBe(false);
  });

  it('is a standard SQLCipher 4 file: it opens with the unwrapped key and the sqlcipher settings', async () => {
    const dir = await filledStore();
    const key = await keys.storeKey({ file: join(dir, STORE_KEY_FILE), create: false });
    const db = new Sqlite(join(dir, STORE_DB_FILE), { readonly: true });
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    expect(db.prepare('SELECT count(*) AS n FROM cached_documents').get()).toEqual({ n: 300 });
    db.close();
  });

  it('runs in WAL mode (its -wal and -shm beside it), folder 0700 and every file 0600', async () => {
    const dir = await tempDir();
    const store = await openStore({ dir: join(dir, 'store'), keys });
    await store.call('settings.set', { key: 'x', value: true });
    expect((await stat(join(dir, 'store'))).mode & 0o777).toBe(0o700);
    const files = await readdir(join(dir, 'store'));
    expect(files).toEqual(
      expect.arrayContaining([STORE_DB_FILE, `${STORE_DB_FILE}-wal`, `${STORE_DB_FILE}-shm`, STORE_KEY_FILE]),
    );
    for (const file of files) expect((await stat(join(dir, 'store', file))).mode & 0o777, file).toBe(0o600);
    await store.close();
  });

  it('answers STORE_WRONG_KEY under another key and leaves the file byte-identical', async () => {
    const dir = await filledStore();
    const before = await sha256(join(dir, STORE_DB_FILE));
    const otherUser = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore(0x33) });
    expect(await codeOf(openStore({ dir, keys: otherUser }))).toBe('STORE_WRONG_KEY');
    // The key file of another desk: the keystore unwraps it, but it does not open this database.
    const elsewhere = await tempDir();
    await withStore(elsewhere, async () => undefined);
    await writeFile(join(dir, STORE_KEY_FILE), await readFile(join(elsewhere, STORE_KEY_FILE)));
    expect(await codeOf(openStore({ dir, keys }))).toBe('STORE_WRONG_KEY');
    expect(await sha256(join(dir, STORE_DB_FILE))).toBe(before);
  });

  it('answers STORE_CORRUPT for a damaged page and leaves the file byte-identical', async () => {
    const dir = await filledStore();
    const file = join(dir, STORE_DB_FILE);
    const bytes = await readFile(file);
    const damaged = bytes.length - 4096 + 200;
    bytes.writeUInt8(bytes.readUInt8(damaged) ^ 0xff, damaged);
    await writeFile(file, bytes);
    const before = await sha256(file);
    expect(await codeOf(openStore({ dir, keys }))).toBe('STORE_CORRUPT');
    expect(await sha256(file)).toBe(before);
  });

  it('answers STORE_CORRUPT for a cut file and for a database that is not encrypted', async () => {
    const dir = await filledStore();
    const file = join(dir, STORE_DB_FILE);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 100));
    expect(await codeOf(openStore({ dir, keys }))).toBe('STORE_CORRUPT');
    await writeFile(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), bytes.subarray(16)]));
    expect(await codeOf(openStore({ dir, keys }))).toBe('STORE_CORRUPT');
  });

  it('refuses to make a new key for a database that already exists', async () => {
    const dir = await filledStore();
    await rm(join(dir, STORE_KEY_FILE));
    expect(await codeOf(openStore({ dir, keys }))).toBe('STORE_WRONG_KEY');
  });

  it('lists and filters one patient’s documents, forgets the patient, and purges by age', async () => {
    const dir = await filledStore();
    await withStore(dir, async (store) => {
      const reports = await store.call('documents.list', { patient, typeCode: '11488-4', limit: 10 });
      expect(reports).toHaveLength(10);
      expect(reports.every((d) => d.typeCode === '11488-4')).toBe(true);
      expect(reports[0]!.creationTime > reports[9]!.creationTime).toBe(true);
      expect(await store.call('documents.purgeBefore', { before: '2026-11-01T00:00:00.000Z' })).toBe(0);
      expect(await store.call('patients.forget', { patientIds: [], patient })).toEqual({
        sessions: 0,
        documents: 300,
        dmpStatus: 0,
        pendingDeliveries: 0,
      });
      expect(await store.call('documents.list', { patient })).toEqual([]);
    });
  });

  it('answers the document list in capped pages, newest first, without gaps or repeats', async () => {
    const dir = await tempDir();
    await withStore(dir, async (store) => {
      const documents = Array.from({ length: DOCUMENTS_PAGE_MAX + 120 }, (_, n) => ({
        uniqueId: `1.2.9.${n}`,
        entryUuid: null,
        title: 't',
        typeCode: '11488-4',
        status: 'approved',
        creationTime: `2026${String(100000 + (n % 40))}`,
        cachedAt: '2026-12-01T00:00:00.000Z',
      }));
      await store.call('documents.put', { patient, documents });
      const first = await store.call('documents.list', { patient, limit: 10_000 });
      expect(first).toHaveLength(DOCUMENTS_PAGE_MAX);
      const second = await store.call('documents.list', { patient, offset: DOCUMENTS_PAGE_MAX });
      expect(second).toHaveLength(120);
      const ids = new Set([...first, ...second].map((d) => d.uniqueId));
      expect(ids.size).toBe(DOCUMENTS_PAGE_MAX + 120);
      const times = [...first, ...second].map((d) => d.creationTime);
      expect(times).toEqual([...times].sort().reverse());
    });
  });

  it('answers STORE_CLOSED once closed', async () => {
    const store = await openStore({ dir: await tempDir(), keys });
    await store.close();
    expect(await codeOf(store.call('settings.get', { key: 'x' }))).toBe('STORE_CLOSED');
  });
});
