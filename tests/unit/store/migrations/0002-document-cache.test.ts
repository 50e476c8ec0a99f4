import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../main/store/migrations';
import { documentCache } from '../../../../main/store/migrations/0002-document-cache';

describe('migration 0002: document cache', () => {
  it('upgrades a version 1 database, keeping its rows', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare(`INSERT INTO settings VALUES ('retentionDays', '7')`).run();
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toBe(2);
    expect(documentCache.version).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '7' });
  });

  it('keeps one row per document of a patient, and indexes by patient and by age', () => {
    const db = new Sqlite(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    const insert = db.prepare(
      `INSERT INTO cached_documents (ins_oid, ins_matricule, unique_id, title, type_code, status, creation_time, cached_at)
       VALUES (?, ?, ?, 't', 'c', 'approved', '20260101', '2026-01-01')`,
    );
    insert.run('oid', 'm1', '1.2.3');
    insert.run('oid', 'm2', '1.2.3');
    expect(() => insert.run('oid', 'm1', '1.2.3')).toThrow(/UNIQUE/);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM cached_documents WHERE ins_oid = 'oid' AND ins_matricule = 'm1'`)
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/cached_documents_by_patient|autoindex/);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]).map(
      (row) => row.name,
    );
    expect(names).toEqual(expect.arrayContaining(['cached_documents_by_patient', 'cached_documents_by_age']));
  });
});
