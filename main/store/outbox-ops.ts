import type { Db } from './database';

/**
 * The outbox's queries (table from migration 0003), run in the store's worker. Every state change
 * names the states it may start from, so two hands (the engine, a retry from the screen, the
 * start-up recovery) never move one item along two paths: the loser changes nothing and is told so.
 */

export type OutboxRowState = 'pending' | 'sending' | 'checking' | 'waiting_card' | 'failed' | 'sent';
export type OutboxRowKind = 'deposit' | 'replace' | 'visibility' | 'status';

export interface OutboxRowError {
  readonly code: string;
  readonly retryable: boolean;
}

/** An item as the screen and the engine's bookkeeping see it: everything but the built request. */
export interface OutboxRow {
  readonly id: string;
  readonly kind: OutboxRowKind;
  readonly patientId: string;
  readonly ins: { readonly oid: string; readonly matricule: string };
  readonly patient: { readonly family: string; readonly given: string; readonly birthDate: string };
  readonly title: string;
  readonly uniqueId: string;
  /** The practitioner whose CPS signed the document: the VIHF is signed by that card when present. */
  readonly authorId: string;
  readonly state: OutboxRowState;
  readonly attempts: number;
  readonly enqueuedAt: string;
  readonly updatedAt: string;
  readonly nextAttemptAt: string | null;
  readonly lastError: OutboxRowError | null;
}

/** An item with the request built at enqueue, for the engine that sends it. */
export interface OutboxEntry extends OutboxRow {
  readonly payload: Uint8Array;
}

export type NewOutboxEntry = Pick<
  OutboxEntry,
  'id' | 'kind' | 'patientId' | 'ins' | 'patient' | 'title' | 'uniqueId' | 'authorId' | 'payload' | 'enqueuedAt'
>;

const COLUMNS = `id, kind, patient_id, ins_oid, ins_matricule, patient, title, unique_id, author_id, state,
  attempts, enqueued_at, updated_at, next_attempt_at, last_error_code, last_error_retryable`;

interface RawRow {
  readonly id: string;
  readonly kind: OutboxRowKind;
  readonly patient_id: string;
  readonly ins_oid: string;
  readonly ins_matricule: string;
  readonly patient: string;
  readonly title: string;
  readonly unique_id: string;
  readonly author_id: string;
  readonly state: OutboxRowState;
  readonly attempts: number;
  readonly enqueued_at: string;
  readonly updated_at: string;
  readonly next_attempt_at: string | null;
  readonly last_error_code: string | null;
  readonly last_error_retryable: number | null;
  readonly payload?: Buffer;
}

const rowOf = (raw: RawRow): OutboxRow => ({
  id: raw.id,
  kind: raw.kind,
  patientId: raw.patient_id,
  ins: { oid: raw.ins_oid, matricule: raw.ins_matricule },
  patient: JSON.parse(raw.patient) as OutboxRow['patient'],
  title: raw.title,
  uniqueId: raw.unique_id,
  authorId: raw.author_id,
  state: raw.state,
  attempts: raw.attempts,
  enqueuedAt: raw.enqueued_at,
  updatedAt: raw.updated_at,
  nextAttemptAt: raw.next_attempt_at,
  lastError:
    raw.last_error_code === null ? null : { code: raw.last_error_code, retryable: raw.last_error_retryable === 1 },
});

// A plain Uint8Array: a Buffer would cross to the main thread as one anyway, and its pool may hold other rows' bytes.
const entryOf = (raw: RawRow): OutboxEntry => ({ ...rowOf(raw), payload: new Uint8Array(raw.payload ?? []) });

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ') || 'NULL';

export const OUTBOX_OPS = {
  /** Accepts an item as `pending`. A second deposit or replacement of one uniqueId is refused (UNIQUE). */
  'outbox.insert': (db: Db, params: { readonly item: NewOutboxEntry }): OutboxRow => {
    const { item } = params;
    db.prepare(
      `INSERT INTO outbox (id, kind, patient_id, ins_oid, ins_matricule, patient, title, unique_id, author_id,
         payload, state, attempts, enqueued_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    ).run(
      item.id,
      item.kind,
      item.patientId,
      item.ins.oid,
      item.ins.matricule,
      JSON.stringify(item.patient),
      item.title,
      item.uniqueId,
      item.authorId,
      Buffer.from(item.payload),
      item.enqueuedAt,
      item.enqueuedAt,
    );
    return rowOf(db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(item.id) as RawRow);
  },
  /** Items in the order they were accepted, without their built requests; optionally only some states. */
  'outbox.list': (db: Db, params: { readonly states?: readonly OutboxRowState[]; readonly limit?: number }) => {
    const states = params.states ?? [];
    const filter = states.length === 0 ? '' : `WHERE state IN (${placeholders(states)})`;
    const limit = Math.max(1, Math.min(params.limit ?? 2000, 10_000));
    return (
      db.prepare(`SELECT ${COLUMNS} FROM outbox ${filter} ORDER BY seq LIMIT ?`).all(...states, limit) as RawRow[]
    ).map(rowOf);
  },
  'outbox.get': (db: Db, params: { readonly id: string }): OutboxEntry | undefined => {
    const raw = db.prepare(`SELECT ${COLUMNS}, payload FROM outbox WHERE id = ?`).get(params.id) as RawRow | undefined;
    return raw === undefined ? undefined : entryOf(raw);
  },
  /**
   * Up to `limit` due items, oldest first, leaving out the ids in `exclude` (the engine's own work
   * in hand). A `pending` item is marked `sending`, its attempt counted, in the same transaction:
   * it is recorded as possibly on the wire before any request can leave. A `checking` item stays
   * `checking`: the engine first looks it up in the DMP.
   */
  'outbox.claim': (
    db: Db,
    params: { readonly now: string; readonly limit: number; readonly exclude?: readonly string[] },
  ): OutboxEntry[] => {
    const exclude = params.exclude ?? [];
    const claimed: OutboxEntry[] = [];
    db.transaction(() => {
      const due = db
        .prepare(
          `SELECT ${COLUMNS}, payload FROM outbox
           WHERE state IN ('pending', 'checking') AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
             ${exclude.length === 0 ? '' : `AND id NOT IN (${placeholders(exclude)})`}
           ORDER BY seq LIMIT ?`,
        )
        .all(params.now, ...exclude, Math.max(0, params.limit)) as RawRow[];
      const toSending = db.prepare(
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = NULL, updated_at = ?
         WHERE id = ? AND state = 'pending'`,
      );
      for (const raw of due) {
        if (raw.state === 'pending') {
          toSending.run(params.now, raw.id);
          claimed.push(entryOf({ ...raw, state: 'sending', attempts: raw.attempts + 1, next_attempt_at: null }));
        } else {
          claimed.push(entryOf(raw));
        }
      }
    })();
    return claimed;
  },
  /**
   * Moves one item from one of `from` to `to`; answers whether it moved. `countAttempt` counts a
   * new attempt (a `checking` item found absent and sent again); `nextAttemptAt` and `lastError`
   * are replaced when given (null clears them).
   */
  'outbox.mark': (
    db: Db,
    params: {
      readonly id: string;
      readonly from: readonly OutboxRowState[];
      readonly to: OutboxRowState;
      readonly now: string;
      readonly countAttempt?: boolean;
      readonly nextAttemptAt?: string | null;
      readonly lastError?: OutboxRowError | null;
    },
  ): boolean => {
    const sets = ['state = ?', 'updated_at = ?'];
    const values: unknown[] = [params.to, params.now];
    if (params.countAttempt === true) sets.push('attempts = attempts + 1');
    if (params.nextAttemptAt !== undefined) {
      sets.push('next_attempt_at = ?');
      values.push(params.nextAttemptAt);
    }
    if (params.lastError !== undefined) {
      sets.push('last_error_code = ?', 'last_error_retryable = ?');
      values.push(
        params.lastError?.code ?? null,
        params.lastError === null ? null : Number(params.lastError.retryable),
      );
    }
    return (
      db
        .prepare(`UPDATE outbox SET ${sets.join(', ')} WHERE id = ? AND state IN (${placeholders(params.from)})`)
        .run(...values, params.id, ...params.from).changes === 1
    );
  },
  /**
   * At start-up: an item left `sending` by a process that stopped may or may not be in the DMP, so
   * it is `checking` (looked up before any new send). Answers how many.
   */
  'outbox.recover': (db: Db, params: { readonly now: string }): number =>
    db
      .prepare(`UPDATE outbox SET state = 'checking', next_attempt_at = NULL, updated_at = ? WHERE state = 'sending'`)
      .run(params.now).changes,
  /** A card came: items waiting for a signer are due again (all, or those of one author). */
  'outbox.wake': (db: Db, params: { readonly now: string; readonly authorId?: string }): number =>
    db
      .prepare(
        `UPDATE outbox SET state = 'pending', next_attempt_at = NULL, updated_at = ?
         WHERE state = 'waiting_card' AND (? IS NULL OR author_id = ?)`,
      )
      .run(params.now, params.authorId ?? null, params.authorId ?? null).changes,
  /** Drops one item if it is in one of `states`; answers whether it was. */
  'outbox.delete': (db: Db, params: { readonly id: string; readonly states: readonly OutboxRowState[] }): boolean =>
    db
      .prepare(`DELETE FROM outbox WHERE id = ? AND state IN (${placeholders(params.states)})`)
      .run(params.id, ...params.states).changes === 1,
  /** `sent` items last changed before `before` (the screen has said so): dropped. */
  'outbox.dropSent': (db: Db, params: { readonly before: string }): number =>
    db.prepare(`DELETE FROM outbox WHERE state = 'sent' AND updated_at < ?`).run(params.before).changes,
  /**
   * When the earliest `pending` or `checking` item falls due (an item due now answers the epoch), so
   * the engine can sleep until then; null when none waits.
   */
  'outbox.nextDue': (db: Db): string | null => {
    const row = db
      .prepare(
        `SELECT min(coalesce(next_attempt_at, '1970-01-01T00:00:00.000Z')) AS due FROM outbox WHERE state IN ('pending', 'checking')`,
      )
      .get() as { due: string | null };
    return row.due;
  },
} as const;
