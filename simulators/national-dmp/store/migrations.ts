import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DOCUMENTS_MIGRATION } from './migration-002-documents';

/**
 * Ordered, append-only schema steps. The applied version is SQLite's user_version, so a file
 * written by an older simulator is brought forward step by step.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE dmp (
     nir TEXT PRIMARY KEY,
     ins_oid TEXT NOT NULL,
     insc TEXT,
     family TEXT NOT NULL,
     given TEXT NOT NULL,
     prefix TEXT,
     gender TEXT NOT NULL,
     birth_date TEXT NOT NULL,
     street TEXT, postal_code TEXT, city TEXT,
     phone TEXT, email TEXT,
     status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
     created_at TEXT NOT NULL,
     closed_at TEXT,
     close_reason TEXT,
     consent_recorded_at TEXT,
     opposition_bris_de_glace INTEGER NOT NULL DEFAULT 0,
     opposition_urgence INTEGER NOT NULL DEFAULT 0,
     attached_to_mes INTEGER NOT NULL DEFAULT 0,
     internet_account INTEGER NOT NULL DEFAULT 0,
     treating_doctor TEXT
   );
   CREATE TABLE professional (
     national_id TEXT PRIMARY KEY,
     family TEXT NOT NULL,
     given TEXT NOT NULL,
     profession TEXT NOT NULL,
     specialty TEXT,
     structure_id TEXT,
     occupational INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE authorization (
     nir TEXT NOT NULL REFERENCES dmp(nir),
     subject_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'INTERDITE')),
     started_at TEXT NOT NULL,
     last_action_at TEXT NOT NULL,
     PRIMARY KEY (nir, subject_id)
   );
   CREATE TABLE access_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     nir TEXT,
     actor_id TEXT NOT NULL,
     structure_id TEXT NOT NULL,
     auth_mode TEXT NOT NULL,
     access_mode TEXT NOT NULL,
     transaction_code TEXT NOT NULL,
     outcome TEXT NOT NULL
   );
   CREATE INDEX access_log_by_patient ON access_log (nir, at);
   CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  DOCUMENTS_MIGRATION,
];

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) break;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
