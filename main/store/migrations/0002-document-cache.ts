import type { Migration } from './types';

/**
 * Documents of a patient's DMP as this desk last saw them: metadata, and the content once read.
 * Keyed by the patient's INS (the file is encrypted), so "forget this patient" and the retention
 * purge are single deletes.
 */
export const documentCache: Migration = {
  version: 2,
  name: 'document-cache',
  up: (db) => {
    db.exec(`
      CREATE TABLE cached_documents (
        id INTEGER PRIMARY KEY,
        ins_oid TEXT NOT NULL,
        ins_matricule TEXT NOT NULL,
        unique_id TEXT NOT NULL,
        entry_uuid TEXT,
        title TEXT NOT NULL,
        type_code TEXT NOT NULL,
        status TEXT NOT NULL,
        creation_time TEXT NOT NULL,
        cached_at TEXT NOT NULL,
        content BLOB,
        UNIQUE (ins_oid, ins_matricule, unique_id)
      ) STRICT;
      CREATE INDEX cached_documents_by_patient ON cached_documents (ins_oid, ins_matricule, creation_time);
      CREATE INDEX cached_documents_by_age ON cached_documents (cached_at);
    `);
  },
};
