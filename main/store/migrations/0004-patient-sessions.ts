import type { Migration } from './types';

/**
 * The desk's patients across a restart: today's patient sessions (what "patients of the day"
 * lists), each patient's last DMP status (TD0.2 answer, with when it was checked), and the full
 * summary of each cached document, so the documents list can be shown from the cache when the
 * DMP is out of reach.
 */
export const patientSessions: Migration = {
  version: 4,
  name: 'patient-sessions',
  up: (db) => {
    db.exec(`
      -- One row per patient session opened at this desk; only the day's come back at start, and
      -- older days are deleted then. The record is the identity snapshot (main/identity): the INS is
      -- in it, and in ins_oid / ins_matricule, only for a qualified identity.
      CREATE TABLE patient_sessions (
        patient_id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        record TEXT NOT NULL CHECK (json_valid(record)),
        beneficiary TEXT,
        ins_oid TEXT,
        ins_matricule TEXT,
        CHECK ((ins_oid IS NULL) = (ins_matricule IS NULL))
      ) STRICT;
      CREATE INDEX patient_sessions_by_day ON patient_sessions (day, last_used_at);
      CREATE INDEX patient_sessions_by_ins ON patient_sessions (ins_oid, ins_matricule);

      -- The last TD0.2 answer per patient (by INS, as the DMP knows them): a cached answer, purged
      -- with the documents by the retention and by "forget this patient".
      CREATE TABLE dmp_status (
        ins_oid TEXT NOT NULL,
        ins_matricule TEXT NOT NULL,
        status TEXT NOT NULL CHECK (json_valid(status)),
        checked_at TEXT NOT NULL,
        PRIMARY KEY (ins_oid, ins_matricule)
      ) STRICT;
      CREATE INDEX dmp_status_by_age ON dmp_status (checked_at);

      ALTER TABLE cached_documents ADD COLUMN summary TEXT CHECK (summary IS NULL OR json_valid(summary));
    `);
  },
};
