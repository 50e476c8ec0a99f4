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
  /** The whole summary the documents list shows (JSON), so the list can be answered from the cache. */
  readonly summary?: string | null;
}

/** One of a patient's cached documents as the offline list reads it back. */
export interface CachedSummary {
  /** The list's summary, as JSON (checked by main/dmp/documents/cache.ts when read back). */
  readonly summary: string;
  readonly cachedAt: string;
}

/** A patient session as kept for "patients of the day" (main/session/patient-store.ts). */
export interface PatientSessionRow {
  readonly patientId: string;
  /** The desk's local date (YYYY-MM-DD) it was last used on: only today's come back. */
  readonly day: string;
  readonly lastUsedAt: string;
  /** The identity snapshot (main/identity), as JSON. */
  readonly record: string;
  /** A digest of the card beneficiary it was opened from: the same card finds it again. */
  readonly beneficiary: string | null;
  /** Only for a qualified identity: what "forget this patient" and the DMP status are keyed by. */
  readonly ins: PatientKey | null;
}

export interface StoredDmpStatus {
  /** The TD0.2 answer as the desk summarised it (shared/api DmpAccessStatus), as JSON. */
  readonly status: string;
  readonly checkedAt: string;
}

/** What "forget this patient" removed. */
export interface ForgottenCounts {
  readonly sessions: number;
  readonly documents: number;
  readonly dmpStatus: number;
  /** Outbox items of the patient not yet delivered: kept (see patients.forget). */
  readonly pendingDeliveries: number;
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
         (ins_oid, ins_matricule, unique_id, entry_uuid, title, type_code, status, creation_time, cached_at, summary)
       VALUES (@oid, @matricule, @uniqueId, @entryUuid, @title, @typeCode, @status, @creationTime, @cachedAt, @summary)
       ON CONFLICT (ins_oid, ins_matricule, unique_id) DO UPDATE SET
         entry_uuid = excluded.entry_uuid, title = excluded.title, type_code = excluded.type_code,
         status = excluded.status, creation_time = excluded.creation_time, cached_at = excluded.cached_at,
         summary = coalesce(excluded.summary, summary)`,
    );
    db.transaction(() => {
      for (const document of params.documents)
        insert.run({ ...params.patient, ...document, summary: document.summary ?? null });
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
  /**
   * The summaries of a patient's cached documents, newest first, narrowed by status and type:
   * what the documents list shows when the DMP cannot be reached.
   */
  'documents.cachedSummaries': (
    db: Db,
    params: {
      readonly patient: PatientKey;
      readonly statuses?: readonly string[];
      readonly typeCodes?: readonly string[];
    },
  ): CachedSummary[] =>
    db
      .prepare(
        `SELECT summary, cached_at AS cachedAt FROM cached_documents
         WHERE ins_oid = @oid AND ins_matricule = @matricule AND summary IS NOT NULL
           AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
           AND (@typeCodes IS NULL OR type_code IN (SELECT value FROM json_each(@typeCodes)))
         ORDER BY creation_time DESC, id DESC LIMIT ${DOCUMENTS_PAGE_MAX}`,
      )
      .all({
        ...params.patient,
        statuses: params.statuses === undefined ? null : JSON.stringify(params.statuses),
        typeCodes: params.typeCodes === undefined ? null : JSON.stringify(params.typeCodes),
      }) as CachedSummary[],
  /** A document's content once read; only a document already listed (its metadata cached) is kept. */
  'documents.putContent': (
    db: Db,
    params: {
      readonly patient: PatientKey;
      readonly uniqueId: string;
      readonly content: Uint8Array;
      readonly cachedAt: string;
    },
  ): number =>
    db
      .prepare(
        `UPDATE cached_documents SET content = ?, cached_at = ?
         WHERE ins_oid = ? AND ins_matricule = ? AND unique_id = ?`,
      )
      .run(Buffer.from(params.content), params.cachedAt, params.patient.oid, params.patient.matricule, params.uniqueId)
      .changes,
  'documents.content': (
    db: Db,
    params: { readonly patient: PatientKey; readonly uniqueId: string },
  ): { readonly content: Uint8Array; readonly cachedAt: string } | undefined => {
    const row = db
      .prepare(
        `SELECT content, cached_at AS cachedAt FROM cached_documents
         WHERE ins_oid = ? AND ins_matricule = ? AND unique_id = ? AND content IS NOT NULL`,
      )
      .get(params.patient.oid, params.patient.matricule, params.uniqueId) as
      { content: Buffer; cachedAt: string } | undefined;
    return row === undefined ? undefined : { content: new Uint8Array(row.content), cachedAt: row.cachedAt };
  },
  /** A document the desk just changed (status, visibility): its copy is stale until the next search. */
  'documents.dropEntry': (db: Db, params: { readonly patient: PatientKey; readonly entryUuid: string }): number =>
    db
      .prepare('DELETE FROM cached_documents WHERE ins_oid = ? AND ins_matricule = ? AND entry_uuid = ?')
      .run(params.patient.oid, params.patient.matricule, params.entryUuid).changes,
  /** Retention: drops documents cached before `before` (ISO date). */
  'documents.purgeBefore': (db: Db, params: { readonly before: string }): number =>
    db.prepare('DELETE FROM cached_documents WHERE cached_at < ?').run(params.before).changes,
  'patientSessions.save': (db: Db, params: PatientSessionRow): null => {
    db.prepare(
      `INSERT INTO patient_sessions (patient_id, day, last_used_at, record, beneficiary, ins_oid, ins_matricule)
       VALUES (@patientId, @day, @lastUsedAt, @record, @beneficiary, @oid, @matricule)
       ON CONFLICT (patient_id) DO UPDATE SET
         day = excluded.day, last_used_at = excluded.last_used_at, record = excluded.record,
         beneficiary = excluded.beneficiary, ins_oid = excluded.ins_oid, ins_matricule = excluded.ins_matricule`,
    ).run({
      patientId: params.patientId,
      day: params.day,
      lastUsedAt: params.lastUsedAt,
      record: params.record,
      beneficiary: params.beneficiary,
      oid: params.ins?.oid ?? null,
      matricule: params.ins?.matricule ?? null,
    });
    return null;
  },
  /** The sessions of one day, least recently used first (the order they are opened again in). */
  'patientSessions.list': (db: Db, params: { readonly day: string }): PatientSessionRow[] =>
    (
      db
        .prepare(
          `SELECT patient_id, day, last_used_at, record, beneficiary, ins_oid, ins_matricule FROM patient_sessions
           WHERE day = ? ORDER BY last_used_at, patient_id`,
        )
        .all(params.day) as Record<string, string | null>[]
    ).map((row) => ({
      patientId: String(row['patient_id']),
      day: String(row['day']),
      lastUsedAt: String(row['last_used_at']),
      record: String(row['record']),
      beneficiary: row['beneficiary'] ?? null,
      ins:
        row['ins_oid'] == null || row['ins_matricule'] == null
          ? null
          : { oid: row['ins_oid'], matricule: row['ins_matricule'] },
    })),
  /** "Patients of the day" are the day's: the sessions of any other day go. */
  'patientSessions.purgeOtherDays': (db: Db, params: { readonly day: string }): number =>
    db.prepare('DELETE FROM patient_sessions WHERE day <> ?').run(params.day).changes,
  'dmpStatus.set': (db: Db, params: { readonly patient: PatientKey } & StoredDmpStatus): null => {
    db.prepare(
      `INSERT INTO dmp_status (ins_oid, ins_matricule, status, checked_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ins_oid, ins_matricule) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at`,
    ).run(params.patient.oid, params.patient.matricule, params.status, params.checkedAt);
    return null;
  },
  'dmpStatus.get': (db: Db, params: { readonly patient: PatientKey }): StoredDmpStatus | undefined =>
    db
      .prepare('SELECT status, checked_at AS checkedAt FROM dmp_status WHERE ins_oid = ? AND ins_matricule = ?')
      .get(params.patient.oid, params.patient.matricule) as StoredDmpStatus | undefined,
  /** Retention: a DMP status is a cached answer too, dropped after the same delay as the documents. */
  'dmpStatus.purgeBefore': (db: Db, params: { readonly before: string }): number =>
    db.prepare('DELETE FROM dmp_status WHERE checked_at < ?').run(params.before).changes,
  /**
   * "Forget this patient": every cached trace of one patient, in one transaction — their sessions
   * (by id, and every session of the same INS), their DMP status and cached documents. Consents
   * stay: the consent journal is the legal record that the patient agreed to the creation or
   * reactivation of their DMP (the desk must be able to produce it), not a cache. The audit trail
   * stays too (pseudonymised, and also a legal record). In the outbox, what was delivered is a copy
   * of what the DMP now holds and goes; what is not delivered yet is a practitioner's work the DMP
   * does not have: it stays, and is counted so the desk can say so.
   */
  'patients.forget': (
    db: Db,
    params: { readonly patientIds: readonly string[]; readonly patient?: PatientKey | undefined },
  ): ForgottenCounts =>
    db.transaction((): ForgottenCounts => {
      let sessions = 0;
      const byId = db.prepare('DELETE FROM patient_sessions WHERE patient_id = ?');
      for (const patientId of params.patientIds) sessions += byId.run(patientId).changes;
      if (params.patient === undefined) return { sessions, documents: 0, dmpStatus: 0, pendingDeliveries: 0 };
      const { oid, matricule } = params.patient;
      sessions += db
        .prepare('DELETE FROM patient_sessions WHERE ins_oid = ? AND ins_matricule = ?')
        .run(oid, matricule).changes;
      const documents = db
        .prepare('DELETE FROM cached_documents WHERE ins_oid = ? AND ins_matricule = ?')
        .run(oid, matricule).changes;
      const dmpStatus = db
        .prepare('DELETE FROM dmp_status WHERE ins_oid = ? AND ins_matricule = ?')
        .run(oid, matricule).changes;
      db.prepare(`DELETE FROM outbox WHERE ins_oid = ? AND ins_matricule = ? AND state = 'sent'`).run(oid, matricule);
      const pending = db
        .prepare('SELECT count(*) AS n FROM outbox WHERE ins_oid = ? AND ins_matricule = ?')
        .get(oid, matricule) as { n: number };
      return { sessions, documents, dmpStatus, pendingDeliveries: pending.n };
    })(),
  ...OUTBOX_OPS,
} as const;

export type StoreOpName = keyof typeof STORE_OPS;
export type StoreParams<K extends StoreOpName> = Parameters<(typeof STORE_OPS)[K]>[1];
export type StoreResult<K extends StoreOpName> = ReturnType<(typeof STORE_OPS)[K]>;
