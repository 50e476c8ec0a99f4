import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { Signer } from '../../../main/crypto/signer';
import type { NewOutboxEntry } from '../../../main/store/outbox-ops';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions, type SyncJob } from '../../../main/sync/engine';
import { encodeRequest } from '../../../main/sync/request';
import { memoryStore } from '../../support/memory-store';

const AUTHOR = { nationalId: '810001234567', firstName: 'MAX', lastName: 'LIBRE', roles: [] };
const SIGNER = { name: 'test signer' } as unknown as Signer;

let serial = 0;
const entry = (authorId = AUTHOR.nationalId): NewOutboxEntry => {
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    kind: 'deposit',
    patientId: '11111111-1111-4111-8111-111111111111',
    ins: { oid: '1.2.250.1.213.1.4.8', matricule: '279035121518989' },
    patient: { family: 'DUPONT', given: 'ANNE', birthDate: '1979-03-05' },
    title: `Compte rendu ${serial}`,
    uniqueId: `1.2.250.1.999.${serial}`,
    authorId,
    payload: encodeRequest({
      author: { ...AUTHOR, nationalId: authorId },
      accessMode: 'normal',
      service: 'repository',
      action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
      body: '<body/>',
      attachments: [{ contentId: 'doc', contentType: 'text/xml', data: new Uint8Array([1, 2]) }],
    }),
    enqueuedAt: new Date().toISOString(),
  };
};

/**
 * A DMP in memory: the documents it holds by uniqueId, and a script of what each send does.
 * `store-then-timeout` keeps the document and loses the answer, as the simulator's ambiguous faults do.
 */
function fakeDmp() {
  const held = new Map<string, number>();
  const script: ('ok' | 'refused-before' | 'store-then-timeout' | 'permanent' | 'card-pulled')[] = [];
  let sends = 0;
  let lookups = 0;
  let concurrent = 0;
  let peak = 0;
  const seenStates: string[] = [];
  const send = async (job: SyncJob): Promise<void> => {
    sends++;
    concurrent++;
    peak = Math.max(peak, concurrent);
    seenStates.push(`${job.item.state}/${job.item.attempts}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
    concurrent--;
    const step = script.shift() ?? 'ok';
    if (step === 'refused-before') {
      throw new AppError('SERVICE_UNAVAILABLE', { details: { errno: 'ECONNREFUSED' } });
    }
    if (step === 'permanent')
      throw new AppError('DOC_REGISTRY_ERROR', { details: { errorCode: 'XDSUnknownPatientId' } });
    if (step === 'card-pulled') throw new AppError('CARD_REMOVED');
    if (held.has(job.item.uniqueId)) {
      throw new AppError('DOC_REGISTRY_ERROR', { details: { errorCode: 'XDSDuplicateUniqueIdInRegistry' } });
    }
    held.set(job.item.uniqueId, (held.get(job.item.uniqueId) ?? 0) + 1);
    if (step === 'store-then-timeout') throw new AppError('SERVICE_TIMEOUT', { details: { timeoutMs: 1 } });
  };
  const lookup = async (job: SyncJob): Promise<boolean> => {
    lookups++;
    return held.has(job.item.uniqueId);
  };
  return {
    held,
    script,
    send,
    lookup,
    sends: () => sends,
    lookups: () => lookups,
    peak: () => peak,
    seenStates,
  };
}

const engines: SyncEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

function setup(overrides: Partial<SyncEngineOptions> = {}) {
  const store = memoryStore();
  const dmp = fakeDmp();
  const engine = createSyncEngine({
    store,
    send: dmp.send,
    lookup: dmp.lookup,
    signerFor: async () => SIGNER,
    backoff: { baseMs: 5, maxMs: 20 },
    ...overrides,
  });
  engines.push(engine);
  const states = async (): Promise<string[]> => (await engine.snapshot()).items.map((item) => item.state);
  return { store, dmp, engine, states };
}

describe('sync engine', () => {
  it('sends every queued item once, reports progress, and drains', async () => {
    const { dmp, engine, states } = setup();
    await engine.start();
    for (let n = 0; n < 5; n++) await engine.enqueue(entry());
    await engine.drain();
    expect(dmp.held.size).toBe(5);
    expect([...dmp.held.values()]).toEqual([1, 1, 1, 1, 1]);
    expect(await states()).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect((await engine.snapshot()).progress).toEqual({ done: 5, total: 5 });
  });

  it('records an item as sending, its attempt counted, before its request leaves', async () => {
    const { dmp, engine } = setup();
    await engine.start();
    await engine.enqueue(entry());
    await engine.drain();
    expect(dmp.seenStates).toEqual(['sending/1']);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const { dmp, engine } = setup({ concurrency: 3 });
    for (let n = 0; n < 12; n++) await engine.enqueue(entry());
    await engine.start();
    await engine.drain();
    expect(dmp.held.size).toBe(12);
    expect(dmp.peak()).toBe(3);
  });

  it('after an ambiguous failure, finds the document by uniqueId instead of sending it again', async () => {
    const { dmp, engine, states } = setup();
    dmp.script.push('store-then-timeout');
    await engine.start();
    const item = entry();
    await engine.enqueue(item);
    await engine.drain();
    expect(dmp.sends()).toBe(1);
    expect(dmp.lookups()).toBe(1);
    expect(dmp.held.get(item.uniqueId)).toBe(1);
    expect(await states()).toEqual(['sent']);
  });

  it('sends again, after a backoff, what certainly never left', async () => {
    const { dmp, engine, store } = setup({ random: () => 1, backoff: { baseMs: 150, maxMs: 1_000 } });
    dmp.script.push('refused-before', 'refused-before');
    const item = entry();
    await engine.enqueue(item);
    await engine.start();
    const waiting = await vi.waitFor(async () => {
      const row = await store.call('outbox.get', { id: item.id });
      if (row?.lastError === null) throw new Error('not failed yet');
      return row;
    });
    expect(waiting).toMatchObject({ state: 'pending', lastError: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
    expect(Date.parse(waiting?.nextAttemptAt ?? '') - Date.parse(waiting?.updatedAt ?? '')).toBe(150);
    await engine.drain();
    expect(dmp.sends()).toBe(3);
    expect(dmp.lookups()).toBe(0);
    expect(dmp.held.get(item.uniqueId)).toBe(1);
  });

  it('takes a duplicate refusal as proof the first copy arrived', async () => {
    const { dmp, engine, states, store } = setup();
    const item = entry();
    dmp.held.set(item.uniqueId, 1);
    await engine.enqueue(item);
    await engine.start();
    await engine.drain();
    expect(await states()).toEqual(['sent']);
    expect(dmp.held.get(item.uniqueId)).toBe(1);
    expect(await store.call('outbox.get', { id: item.id })).toMatchObject({ lastError: null });
  });

  it('stops a permanently refused item as failed with its code; retry sends it, cancel drops it', async () => {
    const { dmp, engine, store } = setup();
    dmp.script.push('permanent', 'permanent');
    const first = entry();
    const second = entry();
    await engine.start();
    await engine.enqueue(first);
    await engine.drain();
    await engine.enqueue(second);
    await engine.drain();
    const [failedFirst, failedSecond] = (await engine.snapshot()).items;
    expect(failedFirst).toMatchObject({ state: 'failed', lastError: { code: 'DOC_REGISTRY_ERROR', retryable: false } });
    expect(failedSecond?.state).toBe('failed');
    expect(await engine.retry(first.id)).toBe(true);
    expect(await engine.retry(first.id)).toBe(false);
    await engine.drain();
    expect(dmp.held.has(first.uniqueId)).toBe(true);
    expect(await engine.cancel(second.id)).toBe(true);
    expect(await store.call('outbox.get', { id: second.id })).toBeUndefined();
    expect(await engine.cancel(first.id)).toBe(false);
  });

  it('waits for the card when nobody may sign the VIHF, and sends once woken with one', async () => {
    const card: { signer?: Signer } = {};
    const { dmp, engine, states } = setup({ signerFor: async () => card.signer });
    await engine.start();
    const item = entry();
    await engine.enqueue(item);
    await engine.drain();
    expect(await states()).toEqual(['waiting_card']);
    expect(dmp.sends()).toBe(0);
    card.signer = SIGNER;
    await engine.wake(AUTHOR.nationalId);
    await engine.drain();
    expect(await states()).toEqual(['sent']);
    expect(dmp.sends()).toBe(1);
  });

  it('never cancels an item that may already be in the DMP', async () => {
    let signer: Signer | undefined = SIGNER;
    const { dmp, engine, store } = setup({ signerFor: async () => signer });
    dmp.script.push('card-pulled');
    await engine.start();
    const item = entry();
    await engine.enqueue(item);
    await engine.drain();
    expect(await store.call('outbox.get', { id: item.id })).toMatchObject({ state: 'waiting_card', attempts: 1 });
    expect(await engine.cancel(item.id)).toBe(false);
    signer = undefined;
    await engine.wake();
    await engine.drain();
    signer = SIGNER;
    await engine.wake();
    await engine.drain();
    // Attempted once already: looked up before it is sent again.
    expect(dmp.lookups()).toBe(1);
    expect(dmp.held.get(item.uniqueId)).toBe(1);
  });

  it('at start, looks up what a stopped process left sending before sending anything again', async () => {
    const { dmp, engine, store, states } = setup();
    const sentBefore = entry();
    const neverArrived = entry();
    for (const item of [sentBefore, neverArrived]) {
      await store.call('outbox.insert', { item });
      await store.call('outbox.mark', {
        id: item.id,
        from: ['pending'],
        to: 'sending',
        now: new Date().toISOString(),
        countAttempt: true,
      });
    }
    dmp.held.set(sentBefore.uniqueId, 1);
    await engine.start();
    await engine.drain();
    expect(dmp.lookups()).toBe(2);
    expect(dmp.sends()).toBe(1);
    expect([...dmp.held.values()]).toEqual([1, 1]);
    expect(await states()).toEqual(['sent', 'sent']);
  });

  it('tells the waiting user sent or queued after the first attempt, and the screen each change', async () => {
    const snapshots: string[][] = [];
    let signer: Signer | undefined = SIGNER;
    const { engine } = setup({
      signerFor: async () => signer,
      changeIntervalMs: 1,
      onChange: (snapshot) => snapshots.push(snapshot.items.map((item) => item.state)),
    });
    await engine.start();
    const sent = entry();
    const first = engine.firstOutcome(sent.id, 5_000);
    await engine.enqueue(sent);
    expect(await first).toEqual({ outcome: 'sent' });
    signer = undefined;
    const queued = entry();
    const second = engine.firstOutcome(queued.id, 5_000);
    await engine.enqueue(queued);
    expect(await second).toEqual({ outcome: 'queued' });
    await engine.drain();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(snapshots.at(-1)).toEqual(['sent', 'waiting_card']);
  });

  it('tells the waiting user of a refusal for good, with the refusal itself', async () => {
    const { dmp, engine } = setup();
    dmp.script.push('permanent');
    await engine.start();
    const refused = entry();
    const first = engine.firstOutcome(refused.id, 5_000);
    await engine.enqueue(refused);
    expect(await first).toEqual({
      outcome: 'failed',
      error: expect.objectContaining({ code: 'DOC_REGISTRY_ERROR' }) as unknown,
    });
  });

  it('looks up again, rather than leaving it sending, an item whose outcome the store failed to record', async () => {
    const { dmp, engine, store } = setup();
    const realCall = store.call.bind(store);
    let failSentOnce = true;
    const flaky = {
      ...store,
      call: (async (op: string, params: { to?: string }) => {
        if (op === 'outbox.mark' && params.to === 'sent' && failSentOnce) {
          failSentOnce = false;
          throw new AppError('STORE_DISK_FULL');
        }
        return realCall(op as never, params as never);
      }) as typeof store.call,
    };
    const recovering = createSyncEngine({
      store: flaky,
      send: dmp.send,
      lookup: dmp.lookup,
      signerFor: async () => SIGNER,
      backoff: { baseMs: 5, maxMs: 20 },
    });
    engines.push(recovering);
    await engine.stop();
    const item = entry();
    await recovering.enqueue(item);
    await recovering.start();
    await recovering.drain();
    expect(dmp.sends()).toBe(1);
    expect(dmp.lookups()).toBe(1);
    expect(await store.call('outbox.get', { id: item.id })).toMatchObject({ state: 'sent' });
  });
});

describe('sync engine onSent', () => {
  it('is told once per delivered item, with its request: at the first attempt, after a lookup, or a duplicate', async () => {
    const told: { id: string; action: string }[] = [];
    const { dmp, engine } = setup({
      onSent: (item, request) => void told.push({ id: item.id, action: request.action }),
    });
    await engine.start();
    const first = entry();
    const lost = entry();
    dmp.script.push('ok', 'store-then-timeout');
    await engine.enqueue(first);
    await engine.drain();
    await engine.enqueue(lost);
    await engine.drain();
    // The second was stored, its answer lost, then found by the lookup: one delivery, one call each.
    expect(dmp.sends()).toBe(2);
    expect(dmp.lookups()).toBe(1);
    expect(told).toEqual([
      { id: first.id, action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b' },
      { id: lost.id, action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b' },
    ]);
  });

  it('is never told of an item refused, then cancelled', async () => {
    const told: string[] = [];
    const { dmp, engine } = setup({ onSent: (item) => void told.push(item.id) });
    await engine.start();
    const refused = entry();
    dmp.script.push('permanent');
    const outcome = engine.firstOutcome(refused.id, 1_000);
    await engine.enqueue(refused);
    expect(await outcome).toMatchObject({ outcome: 'failed' });
    expect(await engine.cancel(refused.id)).toBe(true);
    await engine.drain();
    expect(told).toEqual([]);
  });

  it('answers the waiting user after onSent, and its failure is not the item’s', async () => {
    const order: string[] = [];
    const { engine, states } = setup({
      onSent: () => {
        order.push('onSent');
        throw new Error('audit disk full');
      },
    });
    await engine.start();
    const item = entry();
    const outcome = engine.firstOutcome(item.id, 1_000).then((first) => {
      order.push(first.outcome);
      return first;
    });
    await engine.enqueue(item);
    expect(await outcome).toEqual({ outcome: 'sent' });
    expect(order).toEqual(['onSent', 'sent']);
    expect(await states()).toEqual(['sent']);
  });
});
