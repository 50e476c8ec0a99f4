import { afterEach, describe, expect, it } from 'vitest';
import type { Signer } from '../../../main/crypto/signer';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import type { NewOutboxEntry } from '../../../main/store/outbox-ops';
import { openStandaloneSync, type StandaloneSync } from '../../../main/sync';
import type { DmpFaultRule } from '../../../simulators/national-dmp/faults';
import { CONSULTATION_TYPE, EXAMPLE_PATIENT, EXAMPLE_PATIENT_TRAITS } from '../../support/example-patient';
import { useDmpSimulator } from '../../support/simulated-dmp';
import { testKeystore } from '../../support/test-keystore';
import { useTempDir } from '../../support/temp-dir';

// The outbox and its engine against the real DMP simulator (mutual TLS, VIHF, ITI-41, ITI-18):
// whatever the service does to the requests, each document ends in the DMP exactly once.

const dmp = useDmpSimulator({ pkiName: 'sync' });
const tempDir = useTempDir('dmp-desk-sync-');
const DEPOSITS = 6;

let opened: StandaloneSync[] = [];
afterEach(async () => {
  dmp.simulator.setFaults({});
  await Promise.all(opened.map((sync) => sync.close()));
  opened = [];
});

async function open(options: { signerFor?: (authorId: string) => Promise<Signer | undefined> } = {}) {
  const sync = await openStandaloneSync({
    storeDir: await tempDir(),
    keys: createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }),
    dmp: { ...dmp.dmpConfig(), timeoutMs: 2_000 },
    ...(options.signerFor === undefined ? {} : { signerFor: options.signerFor }),
    // Dropped at once once sent, so "the outbox is empty" reads as an empty snapshot.
    engine: { concurrency: 3, backoff: { baseMs: 40, maxMs: 300 }, sentKeepMs: 0 },
  });
  opened.push(sync);
  return sync;
}

let serial = 0;
const deposit = (
  sync: StandaloneSync,
  patient: { readonly oid: string; readonly matricule: string } = EXAMPLE_PATIENT,
): Promise<NewOutboxEntry> =>
  sync.enqueue({
    patient,
    traits: { ...EXAMPLE_PATIENT_TRAITS },
    title: `Compte rendu sync ${++serial}`,
    pdf: Buffer.from(`%PDF-1.4\n% sync ${serial}\n%%EOF\n`, 'latin1'),
    typeCode: CONSULTATION_TYPE,
  });

/** How many times each uniqueId is in the patient's DMP. */
const copiesIn = (uniqueIds: readonly string[]): number[] => {
  const held = dmp.simulator.admin.listDocuments(EXAMPLE_PATIENT.matricule);
  return uniqueIds.map((uniqueId) => held.filter((document) => document.uniqueId === uniqueId).length);
};

const until = async (check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('sync of several deposits under each fault of the simulator', () => {
  const faults: readonly (readonly [string, DmpFaultRule, boolean])[] = [
    // [name, rule on the repository, whether the rule must be lifted for the deposits to get through]
    ['latency', { latencyMs: 250 }, false],
    ['http500', { http500: true }, true],
    ['drop', { drop: true }, true],
    ['store-then-drop', { afterCommit: 'drop' }, false],
    ['store-then-500', { afterCommit: 'http500' }, false],
  ];

  for (const [name, rule, lift] of faults) {
    it(`${name}: every document ends in the DMP exactly once and the outbox empty`, async () => {
      const sync = await open();
      dmp.simulator.setFaults({ repository: rule });
      const entries: NewOutboxEntry[] = [];
      for (let n = 0; n < DEPOSITS; n++) entries.push(await deposit(sync));
      await sync.engine.start();
      if (lift) {
        // Let every deposit meet the fault at least once, then the service comes back.
        await until(async () => (await sync.engine.snapshot()).items.every((item) => item.attempts > 0));
        dmp.simulator.setFaults({});
      }
      await sync.engine.drain();
      expect(copiesIn(entries.map((entry) => entry.uniqueId))).toEqual(entries.map(() => 1));
      expect((await sync.engine.snapshot()).items).toEqual([]);
    });
  }

  it('a process stopped with deposits on the wire: the next one finds them and sends the rest, once each', async () => {
    const storeDir = await tempDir();
    const keys = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() });
    const config = { storeDir, keys, dmp: { ...dmp.dmpConfig(), timeoutMs: 2_000 } };
    const first = await openStandaloneSync({ ...config, engine: { concurrency: 2 } });
    const entries: NewOutboxEntry[] = [];
    for (let n = 0; n < DEPOSITS; n++) {
      const built = await firstBuild(first);
      await first.engine.enqueue(built);
      entries.push(built);
    }
    // The answers never come back: the first process is stopped with its requests stored but unanswered.
    dmp.simulator.setFaults({ repository: { afterCommit: 'drop' } });
    await first.engine.start();
    await until(async () => (await first.store.call('outbox.counts', undefined)).checking >= 2);
    await first.close();
    dmp.simulator.setFaults({});
    const second = await openStandaloneSync({ ...config, engine: { concurrency: 2, sentKeepMs: 0 } });
    opened.push(second);
    await second.engine.start();
    await second.engine.drain();
    expect(copiesIn(entries.map((entry) => entry.uniqueId))).toEqual(entries.map(() => 1));
    expect((await second.engine.snapshot()).items).toEqual([]);
  });
});

/** The next deposit's item, built (and signed) but not yet kept. */
const firstBuild = (sync: StandaloneSync) =>
  sync.build({
    patient: EXAMPLE_PATIENT,
    traits: { ...EXAMPLE_PATIENT_TRAITS },
    title: `Compte rendu reprise ${++serial}`,
    pdf: Buffer.from(`%PDF-1.4\n% reprise ${serial}\n%%EOF\n`, 'latin1'),
    typeCode: CONSULTATION_TYPE,
  });

describe('stops and waits', () => {
  it('a permanent refusal ends failed with its code; retried once the cause is gone, it is sent', async () => {
    const sync = await open();
    dmp.simulator.setFaults({ repository: { soapFault: 'DMPAccessDenied' } });
    const refused = await deposit(sync);
    const cancelled = await deposit(sync);
    await sync.engine.start();
    await sync.engine.drain();
    const { items } = await sync.engine.snapshot();
    expect(items.map((item) => [item.state, item.lastError?.code])).toEqual([
      ['failed', 'DMP_ACCESS_DENIED'],
      ['failed', 'DMP_ACCESS_DENIED'],
    ]);
    expect(copiesIn([refused.uniqueId, cancelled.uniqueId])).toEqual([0, 0]);
    dmp.simulator.setFaults({});
    expect(await sync.engine.retry(refused.id)).toBe(true);
    expect(await sync.engine.cancel(cancelled.id)).toBe(true);
    await sync.engine.drain();
    expect(copiesIn([refused.uniqueId, cancelled.uniqueId])).toEqual([1, 0]);
    expect((await sync.engine.snapshot()).items).toEqual([]);
  });

  it('a patient the DMP does not know: failed with the registry code, nothing stored', async () => {
    const sync = await open();
    const unknown = await deposit(sync, { oid: '1.2.250.1.213.1.4.10', matricule: '160012B02077713' });
    await sync.engine.start();
    await sync.engine.drain();
    const [item] = (await sync.engine.snapshot()).items;
    expect(item).toMatchObject({ state: 'failed', lastError: { code: 'DOC_REGISTRY_ERROR', retryable: false } });
    expect(item?.uniqueId).toBe(unknown.uniqueId);
  });

  it('no CPS and no establishment key: waiting for the card; the card back, the deposits are sent', async () => {
    const card: { signer?: Signer } = {};
    const sync = await open({ signerFor: async () => card.signer });
    const entries = [await deposit(sync), await deposit(sync)];
    await sync.engine.start();
    await sync.engine.drain();
    expect((await sync.engine.snapshot()).items.map((item) => item.state)).toEqual(['waiting_card', 'waiting_card']);
    expect(copiesIn(entries.map((entry) => entry.uniqueId))).toEqual([0, 0]);
    card.signer = dmp.dmpConfig().signer;
    await sync.engine.wake();
    await sync.engine.drain();
    expect(copiesIn(entries.map((entry) => entry.uniqueId))).toEqual([1, 1]);
    expect((await sync.engine.snapshot()).items).toEqual([]);
  });
});
