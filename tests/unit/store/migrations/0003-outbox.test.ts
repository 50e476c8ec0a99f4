import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../main/store/migrations';
import { outbox } from '../../../../main/store/migrations/0003-outbox';

const insert = (db: Sqlite.Database, id: string, kind: string, uniqueId: string, state = 'pending'): void => {
  db.prepare(
    `INSERT INTO outbox (id, kind, patient_id, ins_oid, ins_matricule, patient, title, unique_id, author_id,
       payload, state, enqueued_at, updated_at)
     VALUES (?, ?, 'p', 'oid', 'm', '{}', 't', ?, 'a', x'00', ?, 'now', 'now')`,
  ).run(id, kind, uniqueId, state);
};

describe('migration 0003: outbox', () => {
  it('upgrades a version 2 database, keeping its rows', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare(`INSERT INTO settings VALUES ('retentionDays', '7')`).run();
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toBe(3);
    expect(outbox.version).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '7' });
  });

  it('queues one deposit or replacement per uniqueId, any number of metadata changes', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    insert(db, 'a', 'deposit', '1.2.3');
    expect(() => insert(db, 'b', 'replace', '1.2.3')).toThrow(/UNIQUE/);
    insert(db, 'c', 'visibility', '1.2.3');
    insert(db, 'd', 'status', '1.2.3');
    expect(() => insert(db, 'a', 'deposit', '1.2.4')).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 3 });
  });

  it('knows only the outbox states and kinds of the IPC contract', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    for (const state of ['pending', 'sending', 'checking', 'waiting_card', 'failed', 'sent']) {
      insert(db, `id-${state}`, 'deposit', `1.${state}`, state);
    }
    expect(() => insert(db, 'x', 'deposit', '1.9', 'lost')).toThrow(/CHECK/);
    expect(() => insert(db, 'y', 'delete', '1.10')).toThrow(/CHECK/);
  });

  it('finds due items by state through its index', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= 'now'`)
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/outbox_by_state/);
  });
});
