import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../main/store/migrations';
import { initial } from '../../../../main/store/migrations/0001-initial';

function migratedTo(version: number): Sqlite.Database {
  const db = new Sqlite(':memory:');
  migrate(db, MIGRATIONS.slice(0, version));
  return db;
}

const columns = (db: Sqlite.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);

describe('migration 0001: initial', () => {
  it('is version 1 and records itself', () => {
    const db = migratedTo(1);
    expect(initial.version).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'initial' }]);
  });

  it('creates settings, secrets, the audit anchor and the consent journal', () => {
    const db = migratedTo(1);
    expect(columns(db, 'settings')).toEqual(['key', 'value']);
    expect(columns(db, 'secrets')).toEqual(['name', 'value', 'created_at']);
    expect(columns(db, 'audit_anchor')).toEqual(['id', 'head', 'lines', 'updated_at']);
    expect(columns(db, 'consents')).toEqual([
      'id',
      'recorded_at',
      'kind',
      'ins_oid',
      'ins_matricule',
      'collected_at',
      'form',
      'practitioner_id',
    ]);
  });

  it('keeps one anchor row and settings as JSON only', () => {
    const db = migratedTo(1);
    db.prepare(`INSERT INTO audit_anchor VALUES (1, 'h', 0, 'now')`).run();
    expect(() => db.prepare(`INSERT INTO audit_anchor VALUES (2, 'h', 0, 'now')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO settings VALUES ('a', 'not json')`).run()).toThrow(/CHECK/);
  });

  it('makes consents append-only evidence', () => {
    const db = migratedTo(1);
    db.prepare(`INSERT INTO consents VALUES (NULL, 'r', 'creation', 'oid', 'm', 'c', 'f', 'p')`).run();
    expect(() => db.prepare(`UPDATE consents SET form = 'g'`).run()).toThrow(/append-only/);
  });

  it('is applied once: migrating again changes nothing', () => {
    const db = migratedTo(1);
    db.prepare(`INSERT INTO settings VALUES ('a', '1')`).run();
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('refuses a database newer than the build', () => {
    const db = migratedTo(MIGRATIONS.length);
    expect(() => migrate(db, MIGRATIONS.slice(0, 1))).toThrow(/newer than this build/);
  });
});
