import type { Db } from './database';
import { OUTBOX_OPS } from './outbox-ops';

/**
 * Every query the store answers, run in its worker thread. The main thread only names an op and
 * its params (see client.ts); the types below are the message contract, checked by tsc at both ends.
 */

export interface ConsentRow {
  readonly recordedAt: string;
  readonly kind: 'creation' | 'reactivation';
  readonly ins: { readonly oid: string; readonly matricule: string };
  readonly collectedAt: string;
  readonly form: string;
  readonly practitionerId: string;
}

export interface AuditAnchor {
  /** The chain value the next line must carry (the last line's MAC), or the genesis of an empty journal. */
  readonly head: string;
  readonly lines: number;
}

export interface CachedDocument {
  readonly uniqueId: string;
  readonly entryUuid: string | null;
  readonly title: string;
  readonly typeCode: string;
  readonly status: string;
  readonly creationTime: string;
  readonly cachedAt: string;
}

export interface PatientKey {
  readonly oid: string;
  readonly matricule: string;
}

/** Most documents one `documents.list` answer carries. */
export const DOCUMENTS_PAGE_MAX = 500;

export const STORE_OPS = {
  'settings.get': (db: Db, params: { readonly key: string }): unknown => {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(params.key) as { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  },
  'settings.set': (db: Db, params: { readonly key: string; readonly value: unknown }): null => {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(params.key, JSON.stringify(params.value));
    return null;
  },
  /** A secret made once and kept: the first caller's value wins, every caller gets the kept one. */
  'secrets.ensure': (db: Db, params: { readonly name: string; readonly value: Uint8Array }): Uint8Array => {
    db.prepare('INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING').run(
      params.name,
      Buffer.from(params.value),
      new Date().toISOString(),
    );
    const row = db.prepare('SELECT value FROM secrets WHERE name = ?').get(params.name) as { value: Buffer };
    return new Uint8Array(row.value);
  },
  'secrets.get': (db: Db, params: { readonly name: string }): Uint8Array | undefined => {
    const row = db.prepare('SELECT value FROM secrets WHERE name = ?').get(params.name) as
      { value: Buffer } | undefined;
    return row === undefined ? undefined : new Uint8Array(row.value);
  },
  'audit.anchor.get': (db: Db): AuditAnchor | undefined => {
    const row = db.prepare('SELECT head, lines FROM audit_anchor WHERE id = 1').get() as AuditAnchor | undefined;
    return row === undefined ? undefined : { head: row.head, lines: row.lines };
  },
  'audit.anchor.set': (db: Db, params: AuditAnchor): null => {
    db.prepare(
      `INSERT INTO audit_anchor (id, head, lines, updated_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET head = excluded.head, lines = excluded.lines, updated_at = excluded.updated_at`,
    ).run(params.head, params.lines, new Date().toISOString());
    return null;
  },
  'consents.record': (db: Db, params: ConsentRow): null => {
    db.prepare(
      `INSERT INTO consents (recorded_at, kind, ins_oid, ins_matricule, collected_at, form, practitioner_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      params.recordedAt,
      params.kind,
      params.ins.oid,
      params.ins.matricule,
      params.collectedAt,
      params.form,
      params.practitionerId,
    );
    return null;
  },
  /**
   * Consents from the clear file of earlier versions, in one transaction; a row already present
   * (the import was cut short after its commit, before the file was deleted) is not added twice.
   */
  'consents.importLegacy': (db: Db, params: { readonly rows: readonly ConsentRow[] }): number => {
    const exists = db.prepare(
      `SELECT 1 FROM consents WHERE recorded_at = ? AND kind = ? AND ins_oid = ? AND ins_matricule = ?
         AND collected_at = ? AND form = ? AND practitioner_id = ?`,
    );
    const insert = db.prepare(
      `INSERT INTO consents (recorded_at, kind, ins_oid, ins_matricule, collected_at, form, practitioner_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    db.transaction(() => {
      for (const row of params.rows) {
        const values = [
          row.recordedAt,
          row.kind,
          row.ins.oid,
          row.ins.matricule,
          row.collectedAt,
          row.form,
          row.practitionerId,
        ];
        if (exists.get(...values) !== undefined) continue;
        insert.run(...values);
        added++;
      }
    })();
    return added;
  },
  'consents.list': (db: Db, params: { readonly patient: PatientKey }): ConsentRow[] =>
    (
      db
        .prepare(
          `SELECT recorded_at, kind, ins_oid, ins_matricule, collected_at, form, practitioner_id FROM consents
           WHERE ins_oid = ? AND ins_matricule = ? ORDER BY id`,
        )
        .all(params.patient.oid, params.patient.matricule) as Record<string, string>[]
    ).map((row) => ({
      recordedAt: String(row['recorded_at']),
      kind: row['kind'] === 'reactivation' ? 'reactivation' : 'creation',
      ins: { oid: String(row['ins_oid']), matricule: String(row['ins_matricule']) },
      collectedAt: String(row['collected_at']),
      form: String(row['form']),
      practitionerId: String(row['practitioner_id']),
    })),
  'documents.put': (
    db: Db,
    params: { readonly patient: PatientKey; readonly documents: readonly CachedDocument[] },
  ): number => {
    const insert = db.prepare(
      `INSERT INTO cached_documents
         (ins_oid, ins_matricule, unique_id, entry_uuid, title, type_code, status, creation_time, cached_at)
       VALUES (@oid, @matricule, @uniqueId, @entryUuid, @title, @typeCode, @status, @creationTime, @cachedAt)
       ON CONFLICT (ins_oid, ins_matricule, unique_id) DO UPDATE SET
         entry_uuid = excluded.entry_uuid, title = excluded.title, type_code = excluded.type_code,
         status = excluded.status, creation_time = excluded.creation_time, cached_at = excluded.cached_at`,
    );
    db.transaction(() => {
      for (const document of params.documents) insert.run({ ...params.patient, ...document });
    })();
    return params.documents.length;
  },
  /**
   * One page of a patient's cached documents, newest first, optionally narrowed by type and status.
   * Pages are capped (DOCUMENTS_PAGE_MAX): the rows cross to the main thread by structured clone,
   * and 10,000 at once would hold its event loop for tens of milliseconds (tests/bench/suites/store.ts).
   */
  'documents.list': (
    db: Db,
    params: {
      readonly patient: PatientKey;
      readonly typeCode?: string;
      readonly status?: string;
      readonly limit?: number;
      readonly offset?: number;
    },
  ): CachedDocument[] =>
    db
      .prepare(
        `SELECT unique_id AS uniqueId, entry_uuid AS entryUuid, title, type_code AS typeCode, status,
                creation_time AS creationTime, cached_at AS cachedAt
         FROM cached_documents
         WHERE ins_oid = @oid AND ins_matricule = @matricule
           AND (@typeCode IS NULL OR type_code = @typeCode) AND (@status IS NULL OR status = @status)
         ORDER BY creation_time DESC, id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({
        ...params.patient,
        typeCode: params.typeCode ?? null,
        status: params.status ?? null,
        limit: Math.min(Math.max(1, params.limit ?? DOCUMENTS_PAGE_MAX), DOCUMENTS_PAGE_MAX),
        offset: Math.max(0, params.offset ?? 0),
      }) as CachedDocument[],
  /** Retention: drops documents cached before `before` (ISO date). */
  'documents.purgeBefore': (db: Db, params: { readonly before: string }): number =>
    db.prepare('DELETE FROM cached_documents WHERE cached_at < ?').run(params.before).changes,
  /**
   * "Forget this patient": every cached trace of one patient. Consents stay: they are evidence
   * the desk must be able to produce, not a cache.
   */
  'patients.forget': (db: Db, params: { readonly patient: PatientKey }): number =>
    db
      .prepare('DELETE FROM cached_documents WHERE ins_oid = ? AND ins_matricule = ?')
      .run(params.patient.oid, params.patient.matricule).changes,
  ...OUTBOX_OPS,
} as const;

export type StoreOpName = keyof typeof STORE_OPS;
export type StoreParams<K extends StoreOpName> = Parameters<(typeof STORE_OPS)[K]>[1];
export type StoreResult<K extends StoreOpName> = ReturnType<(typeof STORE_OPS)[K]>;
