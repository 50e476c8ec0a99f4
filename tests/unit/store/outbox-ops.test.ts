import Sqlite from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migrations';
import { OUTBOX_OPS, type NewOutboxEntry } from '../../../main/store/outbox-ops';

const T0 = '2026-12-06T08:00:00.000Z';
const T1 = '2026-12-06T08:01:00.000Z';
const T2 = '2026-12-06T08:02:00.000Z';

const item = (n: number, authorId = 'rpps-1'): NewOutboxEntry => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  kind: 'deposit',
  patientId: '11111111-1111-4111-8111-111111111111',
  ins: { oid: '1.2.250.1.213.1.4.8', matricule: '279035121518989' },
  patient: { family: 'DUPONT', given: 'Anne', birthDate: '1979-03-05' },
  title: `Document ${n}`,
  uniqueId: `1.2.3.${n}`,
  authorId,
  payload: new Uint8Array([n, 1, 2, 3]),
  enqueuedAt: T0,
});

describe('outbox store ops', () => {
  let db: Sqlite.Database;
  beforeEach(() => {
    db = new Sqlite(':memory:');
    migrate(db);
  });

  it('keeps an item with its built request, listed in the order accepted without it', () => {
    const row = OUTBOX_OPS['outbox.insert'](db, { item: item(2) });
    OUTBOX_OPS['outbox.insert'](db, { item: item(1) });
    expect(row).toMatchObject({ state: 'pending', attempts: 0, uniqueId: '1.2.3.2', lastError: null });
    expect(row).not.toHaveProperty('payload');
    expect(OUTBOX_OPS['outbox.list'](db, {}).map((r) => r.title)).toEqual(['Document 2', 'Document 1']);
    const entry = OUTBOX_OPS['outbox.get'](db, { id: item(2).id });
    expect(entry?.payload).toEqual(new Uint8Array([2, 1, 2, 3]));
    expect(entry?.patient).toEqual(item(2).patient);
    expect(OUTBOX_OPS['outbox.get'](db, { id: item(9).id })).toBeUndefined();
  });

  it('claims due pending items as sending with the attempt counted, never twice', () => {
    for (const n of [1, 2, 3]) OUTBOX_OPS['outbox.insert'](db, { item: item(n) });
    const first = OUTBOX_OPS['outbox.claim'](db, { now: T1, limit: 2 });
    expect(first.map((e) => [e.uniqueId, e.state, e.attempts])).toEqual([
      ['1.2.3.1', 'sending', 1],
      ['1.2.3.2', 'sending', 1],
    ]);
    expect(first[0]?.payload).toEqual(new Uint8Array([1, 1, 2, 3]));
    const second = OUTBOX_OPS['outbox.claim'](db, { now: T1, limit: 5 });
    expect(second.map((e) => e.uniqueId)).toEqual(['1.2.3.3']);
    expect(OUTBOX_OPS['outbox.claim'](db, { now: T1, limit: 5 })).toEqual([]);
    expect(OUTBOX_OPS['outbox.list'](db, { states: ['sending'] })).toHaveLength(3);
  });

  it('waits for an item backing off, and says when the next falls due', () => {
    OUTBOX_OPS['outbox.insert'](db, { item: item(1) });
    expect(OUTBOX_OPS['outbox.nextDue'](db)).toBe('1970-01-01T00:00:00.000Z');
    OUTBOX_OPS['outbox.claim'](db, { now: T0, limit: 1 });
    expect(OUTBOX_OPS['outbox.nextDue'](db)).toBeNull();
    const moved = OUTBOX_OPS['outbox.mark'](db, {
      id: item(1).id,
      from: ['sending'],
      to: 'pending',
      now: T0,
      nextAttemptAt: T2,
      lastError: { code: 'DMP_UNAVAILABLE', retryable: true },
    });
    expect(moved).toBe(true);
    expect(OUTBOX_OPS['outbox.claim'](db, { now: T1, limit: 1 })).toEqual([]);
    expect(OUTBOX_OPS['outbox.nextDue'](db)).toBe(T2);
    const [again] = OUTBOX_OPS['outbox.claim'](db, { now: T2, limit: 1 });
    expect(again).toMatchObject({
      state: 'sending',
      attempts: 2,
      lastError: { code: 'DMP_UNAVAILABLE', retryable: true },
    });
  });

  it('moves an item only from the states named', () => {
    OUTBOX_OPS['outbox.insert'](db, { item: item(1) });
    const mark = (from: Parameters<(typeof OUTBOX_OPS)['outbox.mark']>[1]['from']): boolean =>
      OUTBOX_OPS['outbox.mark'](db, { id: item(1).id, from, to: 'sent', now: T1, lastError: null });
    expect(mark(['sending', 'checking'])).toBe(false);
    expect(OUTBOX_OPS['outbox.get'](db, { id: item(1).id })?.state).toBe('pending');
    expect(mark(['pending'])).toBe(true);
    expect(OUTBOX_OPS['outbox.get'](db, { id: item(1).id })).toMatchObject({ state: 'sent', updatedAt: T1 });
  });

  it('leaves out the ids the engine already holds, and hands checking items back unchanged', () => {
    for (const n of [1, 2]) OUTBOX_OPS['outbox.insert'](db, { item: item(n) });
    OUTBOX_OPS['outbox.claim'](db, { now: T0, limit: 2 });
    expect(OUTBOX_OPS['outbox.recover'](db, { now: T1 })).toBe(2);
    const claimed = OUTBOX_OPS['outbox.claim'](db, { now: T1, limit: 5, exclude: [item(1).id] });
    expect(claimed.map((e) => [e.uniqueId, e.state, e.attempts])).toEqual([['1.2.3.2', 'checking', 1]]);
    expect(
      OUTBOX_OPS['outbox.mark'](db, { id: item(2).id, from: ['checking'], to: 'sending', now: T1, countAttempt: true }),
    ).toBe(true);
    expect(OUTBOX_OPS['outbox.get'](db, { id: item(2).id })).toMatchObject({ state: 'sending', attempts: 2 });
  });

  it('wakes the items waiting for one author card, or all of them', () => {
    OUTBOX_OPS['outbox.insert'](db, { item: item(1, 'rpps-1') });
    OUTBOX_OPS['outbox.insert'](db, { item: item(2, 'rpps-2') });
    OUTBOX_OPS['outbox.insert'](db, { item: item(3, 'rpps-2') });
    for (const n of [1, 2, 3]) {
      OUTBOX_OPS['outbox.mark'](db, { id: item(n).id, from: ['pending'], to: 'waiting_card', now: T0 });
    }
    expect(OUTBOX_OPS['outbox.wake'](db, { now: T1, authorId: 'rpps-2' })).toBe(2);
    expect(OUTBOX_OPS['outbox.list'](db, { states: ['waiting_card'] }).map((r) => r.authorId)).toEqual(['rpps-1']);
    expect(OUTBOX_OPS['outbox.wake'](db, { now: T1 })).toBe(1);
  });

  it('deletes only from the states allowed, and drops sent items once old', () => {
    for (const n of [1, 2]) OUTBOX_OPS['outbox.insert'](db, { item: item(n) });
    expect(OUTBOX_OPS['outbox.delete'](db, { id: item(1).id, states: ['failed', 'waiting_card'] })).toBe(false);
    OUTBOX_OPS['outbox.mark'](db, { id: item(1).id, from: ['pending'], to: 'failed', now: T0 });
    expect(OUTBOX_OPS['outbox.delete'](db, { id: item(1).id, states: ['failed', 'waiting_card'] })).toBe(true);
    OUTBOX_OPS['outbox.mark'](db, { id: item(2).id, from: ['pending'], to: 'sent', now: T1 });
    expect(OUTBOX_OPS['outbox.dropSent'](db, { before: T1 })).toBe(0);
    expect(OUTBOX_OPS['outbox.dropSent'](db, { before: T2 })).toBe(1);
    expect(OUTBOX_OPS['outbox.list'](db, {})).toEqual([]);
  });
});
