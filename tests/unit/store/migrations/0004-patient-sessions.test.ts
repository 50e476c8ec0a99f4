import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../main/store/migrations';
import { patientSessions } from '../../../../main/store/migrations/0004-patient-sessions';

describe('migration 0004: patient sessions', () => {
  it('upgrades a version 3 database, keeping its cached documents (their summary unknown yet)', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(
      `INSERT INTO cached_documents (ins_oid, ins_matricule, unique_id, title, type_code, status, creation_time, cached_at)
       VALUES ('oid', 'm1', '1.2.3', 't', 'c', 'approved', '20260101', '2026-01-01')`,
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 4))).toBe(4);
    expect(patientSessions.version).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT unique_id, summary FROM cached_documents').get()).toEqual({
      unique_id: '1.2.3',
      summary: null,
    });
  });

  it('refuses a session record or a DMP status that is not JSON, and an INS given by half', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    const session = db.prepare(
      `INSERT INTO patient_sessions (patient_id, day, last_used_at, record, ins_oid, ins_matricule)
       VALUES (?, '2026-12-06', '2026-12-06T09:00:00.000Z', ?, ?, ?)`,
    );
    session.run('a', '{"status":"PROV"}', null, null);
    expect(() => session.run('b', 'not json', null, null)).toThrow(/CHECK/);
    expect(() => session.run('c', '{}', 'oid', null)).toThrow(/CHECK/);
    expect(() => session.run('a', '{}', null, null)).toThrow(/UNIQUE|PRIMARY/);

    const status = db.prepare(
      `INSERT INTO dmp_status (ins_oid, ins_matricule, status, checked_at) VALUES (?, ?, ?, ?)`,
    );
    status.run('oid', 'm1', '{"existence":"exists"}', '2026-12-06T09:00:00.000Z');
    expect(() => status.run('oid', 'm2', 'exists', '2026-12-06T09:00:00.000Z')).toThrow(/CHECK/);
    expect(() => status.run('oid', 'm1', '{}', '2026-12-06T09:00:00.000Z')).toThrow(/UNIQUE|PRIMARY/);

    expect(() =>
      db
        .prepare(
          `INSERT INTO cached_documents (ins_oid, ins_matricule, unique_id, title, type_code, status, creation_time, cached_at, summary)
           VALUES ('oid', 'm1', '1.2.4', 't', 'c', 'approved', '20260101', '2026-01-01', 'nope')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]).map(
      (row) => row.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['patient_sessions_by_day', 'patient_sessions_by_ins', 'dmp_status_by_age']),
    );
  });
});
