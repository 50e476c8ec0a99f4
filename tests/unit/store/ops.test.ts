import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../main/store/database';
import { migrate } from '../../../main/store/migrations';
import { STORE_OPS, type CachedDocument, type PatientSessionRow } from '../../../main/store/ops';

const ALICE = { oid: '1.2.250.1.213.1.4.10', matricule: '297022A02077878' };
const BOB = { oid: '1.2.250.1.213.1.4.10', matricule: '180017500000108' };

function database(): Db {
  const db = new Sqlite(':memory:');
  migrate(db);
  return db;
}

const session = (
  patientId: string,
  day: string,
  lastUsedAt: string,
  ins: PatientSessionRow['ins'],
): PatientSessionRow => ({
  patientId,
  day,
  lastUsedAt,
  record: JSON.stringify({ patientId, status: ins === null ? 'PROV' : 'QUAL' }),
  beneficiary: null,
  ins,
});

const document = (uniqueId: string, over: Partial<CachedDocument> = {}): CachedDocument => ({
  uniqueId,
  entryUuid: null,
  title: 'Compte rendu',
  typeCode: '11488-4',
  status: 'approved',
  creationTime: '20261101',
  cachedAt: '2026-12-06T09:00:00.000Z',
  summary: JSON.stringify({ uniqueId }),
  ...over,
});

describe('store ops: patient sessions', () => {
  it('lists one day’s sessions, least recently used first, and drops the other days’', () => {
    const db = database();
    const save = STORE_OPS['patientSessions.save'];
    save(db, session('b', '2026-12-06', '2026-12-06T10:00:00.000Z', ALICE));
    save(db, session('a', '2026-12-06', '2026-12-06T09:00:00.000Z', null));
    save(db, session('old', '2026-12-05', '2026-12-05T17:00:00.000Z', null));
    // Used again: the row follows (no second row).
    save(db, session('a', '2026-12-06', '2026-12-06T11:00:00.000Z', null));

    const today = STORE_OPS['patientSessions.list'](db, { day: '2026-12-06' });
    expect(today.map((row) => row.patientId)).toEqual(['b', 'a']);
    expect(today[0]).toEqual(session('b', '2026-12-06', '2026-12-06T10:00:00.000Z', ALICE));
    expect(today[1]?.ins).toBeNull();

    expect(STORE_OPS['patientSessions.purgeOtherDays'](db, { day: '2026-12-06' })).toBe(1);
    expect(STORE_OPS['patientSessions.list'](db, { day: '2026-12-05' })).toEqual([]);
  });
});

describe('store ops: DMP status', () => {
  it('keeps the last answer per INS and purges by age', () => {
    const db = database();
    const set = STORE_OPS['dmpStatus.set'];
    set(db, { patient: ALICE, status: '{"existence":"not_found"}', checkedAt: '2026-12-01T09:00:00.000Z' });
    set(db, { patient: ALICE, status: '{"existence":"exists"}', checkedAt: '2026-12-06T09:00:00.000Z' });
    set(db, { patient: BOB, status: '{"existence":"closed"}', checkedAt: '2026-11-20T09:00:00.000Z' });
    expect(STORE_OPS['dmpStatus.get'](db, { patient: ALICE })).toEqual({
      status: '{"existence":"exists"}',
      checkedAt: '2026-12-06T09:00:00.000Z',
    });
    expect(STORE_OPS['dmpStatus.purgeBefore'](db, { before: '2026-11-29T09:00:00.000Z' })).toBe(1);
    expect(STORE_OPS['dmpStatus.get'](db, { patient: BOB })).toBeUndefined();
    expect(STORE_OPS['dmpStatus.get'](db, { patient: ALICE })).toBeDefined();
  });
});

describe('store ops: document cache', () => {
  it('answers the cached summaries by status and type, newest first, and keeps a summary a later put leaves out', () => {
    const db = database();
    STORE_OPS['documents.put'](db, {
      patient: ALICE,
      documents: [
        document('1.1', { creationTime: '20261101' }),
        document('1.2', { creationTime: '20261105', status: 'archived' }),
        document('1.3', { creationTime: '20261103', typeCode: '34133-9' }),
        document('1.4', { creationTime: '20261104', summary: null }),
      ],
    });
    STORE_OPS['documents.put'](db, { patient: BOB, documents: [document('2.1')] });
    // Written again by something that knows no summary (the benchmark's shape): the summary stays.
    const { summary: _kept, ...withoutSummary } = document('1.1');
    STORE_OPS['documents.put'](db, { patient: ALICE, documents: [withoutSummary] });

    const all = STORE_OPS['documents.cachedSummaries'](db, { patient: ALICE });
    expect(all.map((row) => JSON.parse(row.summary) as { uniqueId: string })).toEqual([
      { uniqueId: '1.2' },
      { uniqueId: '1.3' },
      { uniqueId: '1.1' },
    ]);
    const approved = STORE_OPS['documents.cachedSummaries'](db, { patient: ALICE, statuses: ['approved'] });
    expect(approved.map((row) => row.summary)).toEqual(['{"uniqueId":"1.3"}', '{"uniqueId":"1.1"}']);
    const reports = STORE_OPS['documents.cachedSummaries'](db, {
      patient: ALICE,
      statuses: ['approved', 'archived'],
      typeCodes: ['11488-4'],
    });
    expect(reports.map((row) => row.summary)).toEqual(['{"uniqueId":"1.2"}', '{"uniqueId":"1.1"}']);
  });

  it('keeps the content of a listed document only, for its patient only', () => {
    const db = database();
    STORE_OPS['documents.put'](db, { patient: ALICE, documents: [document('1.1')] });
    const content = new TextEncoder().encode('{"mediaType":"text/plain"}');
    const put = STORE_OPS['documents.putContent'];
    expect(put(db, { patient: ALICE, uniqueId: '1.1', content, cachedAt: '2026-12-06T10:00:00.000Z' })).toBe(1);
    expect(put(db, { patient: ALICE, uniqueId: '9.9', content, cachedAt: '2026-12-06T10:00:00.000Z' })).toBe(0);
    expect(STORE_OPS['documents.content'](db, { patient: ALICE, uniqueId: '1.1' })).toEqual({
      content,
      cachedAt: '2026-12-06T10:00:00.000Z',
    });
    expect(STORE_OPS['documents.content'](db, { patient: BOB, uniqueId: '1.1' })).toBeUndefined();
  });
});

describe('store ops: forget a patient', () => {
  it('removes their sessions, DMP status, cached documents and delivered outbox items, and nobody else’s', () => {
    const db = database();
    STORE_OPS['patientSessions.save'](db, session('alice-card', '2026-12-06', '2026-12-06T09:00:00.000Z', ALICE));
    STORE_OPS['patientSessions.save'](db, session('alice-typed', '2026-12-06', '2026-12-06T09:05:00.000Z', ALICE));
    STORE_OPS['patientSessions.save'](db, session('bob', '2026-12-06', '2026-12-06T09:10:00.000Z', BOB));
    STORE_OPS['dmpStatus.set'](db, { patient: ALICE, status: '{}', checkedAt: '2026-12-06T09:00:00.000Z' });
    STORE_OPS['dmpStatus.set'](db, { patient: BOB, status: '{}', checkedAt: '2026-12-06T09:00:00.000Z' });
    STORE_OPS['documents.put'](db, { patient: ALICE, documents: [document('1.1'), document('1.2')] });
    STORE_OPS['documents.put'](db, { patient: BOB, documents: [document('2.1')] });
    const outbox = db.prepare(
      `INSERT INTO outbox (id, kind, patient_id, ins_oid, ins_matricule, patient, title, unique_id, author_id, payload,
                           state, enqueued_at, updated_at)
       VALUES (?, 'deposit', 'alice-card', ?, ?, '{}', 't', ?, 'a', x'00', ?, '2026-12-06', '2026-12-06')`,
    );
    outbox.run('sent-one', ALICE.oid, ALICE.matricule, '1.5.1', 'sent');
    outbox.run('waiting-one', ALICE.oid, ALICE.matricule, '1.5.2', 'waiting_card');
    db.prepare(
      `INSERT INTO consents (recorded_at, kind, ins_oid, ins_matricule, collected_at, form, practitioner_id)
                VALUES ('2026-12-06', 'creation', ?, ?, '2026-12-06', 'oral', '899700000001')`,
    ).run(ALICE.oid, ALICE.matricule);

    expect(STORE_OPS['patients.forget'](db, { patientIds: ['alice-card'], patient: ALICE })).toEqual({
      sessions: 2,
      documents: 2,
      dmpStatus: 1,
      pendingDeliveries: 1,
    });
    expect(STORE_OPS['patientSessions.list'](db, { day: '2026-12-06' }).map((row) => row.patientId)).toEqual(['bob']);
    expect(STORE_OPS['dmpStatus.get'](db, { patient: ALICE })).toBeUndefined();
    expect(STORE_OPS['dmpStatus.get'](db, { patient: BOB })).toBeDefined();
    expect(STORE_OPS['documents.list'](db, { patient: ALICE })).toEqual([]);
    expect(STORE_OPS['documents.list'](db, { patient: BOB })).toHaveLength(1);
    const left = db.prepare('SELECT id FROM outbox ORDER BY seq').all() as { id: string }[];
    expect(left.map((row) => row.id)).toEqual(['waiting-one']);
    // The consent journal is evidence, not a cache.
    expect(STORE_OPS['consents.list'](db, { patient: ALICE })).toHaveLength(1);
  });

  it('forgets an unqualified session by its id alone', () => {
    const db = database();
    STORE_OPS['patientSessions.save'](db, session('prov', '2026-12-06', '2026-12-06T09:00:00.000Z', null));
    expect(STORE_OPS['patients.forget'](db, { patientIds: ['prov'] })).toEqual({
      sessions: 1,
      documents: 0,
      dmpStatus: 0,
      pendingDeliveries: 0,
    });
  });
});
