/**
 * Documents (issue 6): submission sets, DocumentEntry metadata versions, contents and associations.
 * Metadata is kept whole as JSON (answers are rebuilt from it); the columns are what queries filter on.
 */
export const DOCUMENTS_MIGRATION = `
  CREATE TABLE submission_set (
    entry_uuid TEXT PRIMARY KEY,
    unique_id TEXT NOT NULL UNIQUE,
    nir TEXT NOT NULL,
    source_id TEXT NOT NULL,
    submission_time TEXT NOT NULL,
    author_id TEXT,
    author_structure TEXT,
    received_at TEXT NOT NULL,
    metadata TEXT NOT NULL
  );
  CREATE INDEX submission_set_by_patient ON submission_set (nir, submission_time);
  CREATE TABLE document_entry (
    entry_uuid TEXT PRIMARY KEY,
    lid TEXT NOT NULL,
    version INTEGER NOT NULL,
    unique_id TEXT NOT NULL,
    nir TEXT NOT NULL,
    status TEXT NOT NULL,
    is_signature INTEGER NOT NULL DEFAULT 0,
    author_id TEXT,
    author_structure TEXT,
    class_code TEXT,
    type_code TEXT,
    creation_time TEXT,
    service_start TEXT,
    service_stop TEXT,
    masked INTEGER NOT NULL DEFAULT 0,
    invisible_patient INTEGER NOT NULL DEFAULT 0,
    submission_set TEXT NOT NULL REFERENCES submission_set(entry_uuid),
    submitted_at TEXT NOT NULL,
    metadata TEXT NOT NULL,
    UNIQUE (lid, version)
  );
  CREATE INDEX document_entry_by_patient ON document_entry (nir, status);
  CREATE INDEX document_entry_by_unique_id ON document_entry (unique_id);
  CREATE TABLE document_content (
    unique_id TEXT PRIMARY KEY,
    mime_type TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
  );
  CREATE TABLE association (
    entry_uuid TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    submission_set TEXT,
    metadata TEXT NOT NULL
  );
  CREATE INDEX association_by_source ON association (source);
  CREATE INDEX association_by_target ON association (target);
  ALTER TABLE access_log ADD COLUMN document_unique_id TEXT;
  ALTER TABLE access_log ADD COLUMN reason TEXT;
  ALTER TABLE dmp ADD COLUMN masked_in_emergency INTEGER NOT NULL DEFAULT 0;
`;
