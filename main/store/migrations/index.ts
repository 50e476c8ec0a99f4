import type { Db } from '../database';
import { initial } from './0001-initial';
import { documentCache } from './0002-document-cache';
import { outbox } from './0003-outbox';
import { patientSessions } from './0004-patient-sessions';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [initial, documentCache, outbox, patientSessions];

/**
 * Brings the schema to the newest version, one transaction per migration: a crash between two
 * leaves a schema at a recorded version, never half of one. A database newer than this build
 * (a downgrade) is refused rather than written to.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) throw new Error(`schema version ${current} is newer than this build (${newest})`);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is out of sequence`);
    if (migration.version <= current) return;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
  });
  return schemaVersion(db);
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}
