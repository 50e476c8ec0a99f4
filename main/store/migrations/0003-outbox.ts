import type { Migration } from './types';

/**
 * The outbox (main/sync): every write to a patient's DMP, kept here before any network so nothing
 * typed or signed is lost, and nothing reaches the DMP twice. `payload` is the request as built at
 * enqueue (CDA, XAdES, ITI-41 body and MTOM parts), opaque to the store; `unique_id` was minted
 * once with it, and a deposit or replacement of one uniqueId is queued once only. `seq` keeps the
 * order items were accepted in; `id` is the uuid the screen and IPC name them by.
 */
export const outbox: Migration = {
  version: 3,
  name: 'outbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('deposit', 'replace', 'visibility', 'status')),
        patient_id TEXT NOT NULL,
        ins_oid TEXT NOT NULL,
        ins_matricule TEXT NOT NULL,
        patient TEXT NOT NULL CHECK (json_valid(patient)),
        title TEXT NOT NULL,
        unique_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        payload BLOB NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'sending', 'checking', 'waiting_card', 'failed', 'sent')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        enqueued_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        next_attempt_at TEXT,
        last_error_code TEXT,
        last_error_retryable INTEGER CHECK (last_error_retryable IN (0, 1))
      ) STRICT;
      -- One document, one queued delivery: a second enqueue of the same uniqueId is a bug, refused here.
      CREATE UNIQUE INDEX outbox_one_document_per_unique_id ON outbox (unique_id) WHERE kind IN ('deposit', 'replace');
      -- The engine's question, "what is due now", and the screen's, "what is waiting", both by state.
      CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at, seq);
    `);
  },
};
