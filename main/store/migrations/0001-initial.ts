import type { Migration } from './types';

/**
 * The desk's own records: settings, secrets it generated (the audit keys), the audit chain's
 * anchor, and the consent journal moved out of its clear `.jsonl`. An outbox (main/sync) comes
 * in a later migration with its own table; nothing here needs to change for it.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      -- One row: the audit journal's head as last seen by this desk. The journal lives outside
      -- the store (append-only file); this row is what a rewritten or truncated file is checked against.
      CREATE TABLE audit_anchor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        head TEXT NOT NULL,
        lines INTEGER NOT NULL CHECK (lines >= 0),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Consents to create or reactivate a DMP: evidence, so rows are only ever inserted.
      CREATE TABLE consents (
        id INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        ins_oid TEXT NOT NULL,
        ins_matricule TEXT NOT NULL,
        collected_at TEXT NOT NULL,
        form TEXT NOT NULL,
        practitioner_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX consents_by_patient ON consents (ins_oid, ins_matricule);
      CREATE TRIGGER consents_are_evidence_no_update BEFORE UPDATE ON consents
        BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
    `);
  },
};
