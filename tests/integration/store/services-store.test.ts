import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_DB_FILE, STORE_KEY_FILE } from '../../../main/store/client';
import { trainingUserDataDir } from '../../../main/training/desk-data';
import { createTestServices } from '../../support/test-services';
import { testKeystore } from '../../support/test-keystore';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-services-store-');
const PATIENT = { oid: '1.2.250.1.213.1.4.8', matricule: '279035121518989' };

describe('the store in the composition root', () => {
  it('is opened on first use under <userData>/store and closed by dispose', async () => {
    const dir = await tempDir();
    const services = createTestServices(dir, { storeKeys: { kind: 'os-keystore', keystore: testKeystore() } });
    // Nothing is opened before it is needed: starting a desk costs no key unwrap.
    await expect(stat(join(dir, 'store'))).rejects.toMatchObject({ code: 'ENOENT' });
    await services.store.call('settings.set', { key: 'probe', value: 1 });
    expect(await readdir(join(dir, 'store'))).toEqual(expect.arrayContaining([STORE_DB_FILE, STORE_KEY_FILE]));
    await services.dispose();
    await expect(services.store.call('settings.get', { key: 'probe' })).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('in production without a keystore, keeps the store closed with STORE_KEYSTORE_UNAVAILABLE and still starts', async () => {
    const dir = await tempDir();
    const services = createTestServices(dir, { mode: 'production' });
    await expect(services.store.call('consents.list', { patient: PATIENT })).rejects.toMatchObject({
      code: 'STORE_KEYSTORE_UNAVAILABLE',
    });
    const info = await services.router.dispatch('app.info', {}, { transport: 'websocket' });
    expect(info).toMatchObject({ ok: true });
    await services.dispose();
    await expect(stat(join(dir, 'store', STORE_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('moves the clear consent file of an earlier version into the store at start', async () => {
    const dir = await tempDir();
    const line = JSON.stringify({
      recordedAt: '2026-10-01T08:00:00.000Z',
      kind: 'creation',
      ins: PATIENT,
      collectedAt: '2026-10-01T07:59:00.000Z',
      form: 'oral',
      practitionerId: '899700000101',
    });
    await writeFile(join(dir, 'dmp-consents.jsonl'), `${line}\n`);
    const services = createTestServices(dir, { storeKeys: { kind: 'os-keystore', keystore: testKeystore() } });
    try {
      await expect
        .poll(() => services.store.call('consents.list', { patient: PATIENT }).then((rows) => rows.length))
        .toBe(1);
      await expect
        .poll(() =>
          stat(join(dir, 'dmp-consents.jsonl')).then(
            () => 'there',
            () => 'gone',
          ),
        )
        .toBe('gone');
    } finally {
      await services.dispose();
    }
  });

  it('purges cached documents older than the retention when the store opens', async () => {
    const dir = await tempDir();
    const storeKeys = { kind: 'os-keystore', keystore: testKeystore() } as const;
    const document = (uniqueId: string, cachedAt: string) => ({
      uniqueId,
      entryUuid: null,
      title: 'Compte rendu',
      typeCode: '11488-4',
      status: 'approved',
      creationTime: '20261101',
      cachedAt,
    });
    const first = createTestServices(dir, { storeKeys });
    await first.store.call('documents.put', {
      patient: PATIENT,
      documents: [document('1.2.3.old', '2026-11-20T09:00:00.000Z'), document('1.2.3.new', '2026-12-04T09:00:00.000Z')],
    });
    await first.dispose();

    const later = createTestServices(dir, {
      storeKeys,
      cacheRetentionDays: 7,
      now: () => new Date('2026-12-06T09:00:00.000Z'),
    });
    try {
      await expect
        .poll(async () => (await later.store.call('documents.list', { patient: PATIENT })).map((d) => d.uniqueId))
        .toEqual(['1.2.3.new']);
    } finally {
      await later.dispose();
    }
  });

  it('gives a training desk a store of its own, apart from production’s', async () => {
    const userData = await tempDir();
    const production = createTestServices(userData, {
      mode: 'production',
      storeKeys: { kind: 'os-keystore', keystore: testKeystore() },
    });
    const training = createTestServices(trainingUserDataDir(userData));
    try {
      await production.store.call('settings.set', { key: 'where', value: 'production' });
      await training.store.call('settings.set', { key: 'where', value: 'training' });
      expect(await production.store.call('settings.get', { key: 'where' })).toBe('production');
      expect(await training.store.call('settings.get', { key: 'where' })).toBe('training');
      // Two folders, two keys: the lesson's published passphrase opens nothing of production's.
      const trainingStore = join(trainingUserDataDir(userData), 'store');
      expect(trainingStore.startsWith(join(userData, 'store'))).toBe(false);
      expect((await stat(join(trainingStore, STORE_DB_FILE))).isFile()).toBe(true);
      const productionKey = await readFile(join(userData, 'store', STORE_KEY_FILE), 'utf8');
      const trainingKey = await readFile(join(trainingStore, STORE_KEY_FILE), 'utf8');
      expect(JSON.parse(productionKey)).toMatchObject({ protection: 'os-keystore' });
      expect(JSON.parse(trainingKey)).toMatchObject({ protection: 'passphrase' });
    } finally {
      await Promise.all([production.dispose(), training.dispose()]);
    }
  });
});
