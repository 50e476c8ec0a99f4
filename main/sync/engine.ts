import type { OutboxItem, OutboxSnapshot } from '../../shared/api/outbox';
import { isAppError, isErrorCode, toErrorShape } from '../../shared/errors';
import type { Signer } from '../crypto/signer';
import type { Logger } from '../log/logger';
import type { Store } from '../store/client';
import type { NewOutboxEntry, OutboxEntry, OutboxRow, OutboxRowError, OutboxRowState } from '../store/outbox-ops';
import { backoffDelay, DEFAULT_BACKOFF, failureVerdict, type BackoffPolicy } from './failure';
import { decodeRequest, type OutboxRequest } from './request';

/** One attempt's work: the item, its request as built at enqueue, and the key that signs the VIHF now. */
export interface SyncJob {
  readonly item: OutboxRow;
  readonly request: OutboxRequest;
  readonly signer: Signer;
}

export interface SyncEngineOptions {
  /** The encrypted store (main/store); only its outbox ops are used. */
  readonly store: Pick<Store, 'call'>;
  /** Sends the request (VIHF signed with `job.signer`); resolves once the DMP accepted it, throws its refusal. */
  readonly send: (job: SyncJob) => Promise<void>;
  /** Whether the DMP already holds the item's document or change (ITI-18, see dmp-transport.ts). */
  readonly lookup: (job: SyncJob) => Promise<boolean>;
  /**
   * Told once per item when the DMP is known to hold it (accepted, found by a lookup, or a retry
   * refused as a duplicate), after it is recorded `sent` and before a waiting user is answered:
   * where the desk writes the audit line that counts the delivery. Never told of an item cancelled
   * or refused. Its failure is logged, never the item's: the DMP holds it whatever happens here.
   */
  readonly onSent?: (item: OutboxRow, request: OutboxRequest) => Promise<void> | void;
  /**
   * The key that may sign the VIHF of an item written by `authorId` right now: that author's CPS
   * when it is in a reader, the establishment's where the configuration allows (AIR), else
   * undefined: the item waits for the card (`waiting_card`) until `wake()`.
   */
  readonly signerFor: (authorId: string) => Promise<Signer | undefined>;
  /** Items worked on at once (each one request at a time); default 2. */
  readonly concurrency?: number;
  readonly backoff?: BackoffPolicy;
  /** The jitter's source (tests fix it). */
  readonly random?: () => number;
  readonly now?: () => Date;
  /** How long a `sent` item stays listed so the screen can say so; default 5 minutes. */
  readonly sentKeepMs?: number;
  /** Told the new snapshot after changes, at most once per `changeIntervalMs` (default 200 ms). */
  readonly onChange?: (snapshot: OutboxSnapshot) => void;
  readonly changeIntervalMs?: number;
  readonly logger?: Logger;
}

export interface SyncEngine {
  /** Items a stopped process left `sending` become `checking`, then due items are worked on. */
  start(): Promise<void>;
  /** No new attempt starts; resolves once those in flight have ended (their outcome recorded). */
  stop(): Promise<void>;
  /** Keeps the item in the store (`pending`) and starts on it when there is room. */
  enqueue(item: NewOutboxEntry): Promise<OutboxRow>;
  /**
   * How the item's first attempt ended, for a user waiting at the deposit form: `sent` once it
   * reached the DMP; `failed` with the refusal when the DMP refused it for good (nothing stored);
   * `queued` when it ended otherwise (it will be tried again) or did not end within `timeoutMs`.
   */
  firstOutcome(id: string, timeoutMs: number): Promise<FirstOutcome>;
  /**
   * Resolves when nothing is left to do now: no item `pending`, `sending` or `checking`, none in
   * flight (items `failed` or `waiting_card` wait for a person, not for the engine).
   */
  drain(): Promise<void>;
  snapshot(): Promise<OutboxSnapshot>;
  /** A `failed` item due again (looked up first if it may have reached the DMP); false if it was not `failed`. */
  retry(id: string): Promise<boolean>;
  /** Drops a `failed` or `waiting_card` item never attempted, or `failed` by a refusal; false otherwise. */
  cancel(id: string): Promise<boolean>;
  /** A card came (or the configuration changed): items waiting for a signer are due again. */
  wake(authorId?: string): Promise<void>;
}

export type FirstOutcome =
  { readonly outcome: 'sent' | 'queued' } | { readonly outcome: 'failed'; readonly error: unknown };

const SENT: FirstOutcome = { outcome: 'sent' };
const QUEUED: FirstOutcome = { outcome: 'queued' };

const OPEN_STATES: readonly OutboxRowState[] = ['pending', 'sending', 'checking'];
const SNAPSHOT_MAX_ITEMS = 2000;

/**
 * The sync engine: sends the outbox's items to the DMP, each exactly once.
 *
 * An item is marked `sending` in the store (its attempt counted) before its request leaves; a
 * process stopped at any point leaves it `sending`, which the next start turns into `checking`.
 * A `checking` item is first looked up in the DMP by its uniqueId: found, it is `sent`; absent,
 * it is sent again. An ambiguous failure (the request may have arrived) makes it `checking` too;
 * a failure before the request could leave makes it `pending` again; both after a backoff with
 * jitter. A permanent refusal stops it as `failed` with its code; a retry refused as a duplicate
 * uniqueId means the first copy arrived. Nothing here knows SOAP: `send` and `lookup` do.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store } = options;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const now = options.now ?? (() => new Date());
  const iso = (): string => now().toISOString();
  const sentKeepMs = options.sentKeepMs ?? 5 * 60_000;
  const logger = options.logger;

  let running = false;
  let starting: Promise<void> | undefined;
  const inFlight = new Map<string, Promise<void>>();
  /** Retryable failures in a row per item, for the backoff (reset when it is sent or stops). */
  const failures = new Map<string, number>();
  const firstOutcomeWaiters = new Map<string, Set<(outcome: FirstOutcome) => void>>();
  let drainWaiters: (() => void)[] = [];
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let wakeTimer: NodeJS.Timeout | undefined;
  let sentSinceEmpty = 0;
  let changeTimer: NodeJS.Timeout | undefined;

  const settleFirst = (id: string, outcome: FirstOutcome): void => {
    const waiters = firstOutcomeWaiters.get(id);
    if (waiters === undefined) return;
    firstOutcomeWaiters.delete(id);
    for (const waiter of waiters) waiter(outcome);
  };

  const changed = (): void => {
    if (options.onChange === undefined || changeTimer !== undefined) return;
    changeTimer = setTimeout(() => {
      changeTimer = undefined;
      snapshot().then(options.onChange, (error: unknown) =>
        logger?.warn('sync.snapshot_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' }),
      );
    }, options.changeIntervalMs ?? 200);
  };

  const mark = (
    id: string,
    from: readonly OutboxRowState[],
    to: OutboxRowState,
    extra: { countAttempt?: boolean; nextAttemptAt?: string | null; lastError?: OutboxRowError | null } = {},
  ): Promise<boolean> => store.call('outbox.mark', { id, from, to, now: iso(), ...extra });

  const markSent = async (item: OutboxRow, from: OutboxRowState, request: OutboxRequest): Promise<void> => {
    // Only the hand that moved it to `sent` tells onSent: one delivery, one audit line.
    if (await mark(item.id, [from], 'sent', { nextAttemptAt: null, lastError: null })) {
      sentSinceEmpty++;
      logger?.info('sync.sent', { kind: item.kind, attempts: item.attempts });
      try {
        await options.onSent?.(item, request);
      } catch (error) {
        logger?.warn('sync.on_sent_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
      }
    }
    failures.delete(item.id);
    settleFirst(item.id, SENT);
  };

  /** Records what a failed send or lookup means for the item (see failure.ts). */
  const recordFailure = async (
    item: OutboxRow,
    from: OutboxRowState,
    error: unknown,
    request?: OutboxRequest,
  ): Promise<void> => {
    const verdict = failureVerdict(error);
    // Without its request (unreadable payload) nothing was sent: a failure of its own is never a delivery.
    if (verdict === 'delivered' && request !== undefined) {
      await markSent(item, from, request);
      return;
    }
    const shape = toErrorShape(error);
    const lastError = { code: shape.code, retryable: shape.retryable };
    logger?.info('sync.attempt_failed', { kind: item.kind, code: shape.code, verdict });
    if (verdict === 'no_signer') {
      await mark(item.id, [from], 'waiting_card', { lastError });
    } else if (verdict === 'permanent') {
      failures.delete(item.id);
      await mark(item.id, [from], 'failed', { lastError, nextAttemptAt: null });
      settleFirst(item.id, { outcome: 'failed', error });
      return;
    } else {
      const count = (failures.get(item.id) ?? 0) + 1;
      failures.set(item.id, count);
      const nextAttemptAt = new Date(now().getTime() + backoffDelay(count, backoff, options.random)).toISOString();
      // A request that may have arrived is looked up before it is sent again; one that never left is simply due again.
      const to = verdict === 'ambiguous' || from === 'checking' ? 'checking' : 'pending';
      await mark(item.id, [from], to, { lastError, nextAttemptAt });
    }
    settleFirst(item.id, QUEUED);
  };

  const work = async (item: OutboxEntry): Promise<void> => {
    let request: OutboxRequest;
    try {
      request = decodeRequest(item.payload);
    } catch (error) {
      await recordFailure(item, item.state, error);
      return;
    }
    const signer = await options.signerFor(item.authorId).catch(() => undefined);
    if (signer === undefined) {
      await mark(item.id, [item.state], 'waiting_card', {
        lastError: { code: 'SESSION_PRACTITIONER_REQUIRED', retryable: true },
      });
      settleFirst(item.id, QUEUED);
      return;
    }
    const job: SyncJob = { item, request, signer };
    if (item.state === 'checking') {
      let found: boolean;
      try {
        found = await options.lookup(job);
      } catch (error) {
        await recordFailure(item, 'checking', error, request);
        return;
      }
      if (found) {
        await markSent(item, 'checking', request);
        return;
      }
    }
    // Recorded before the request leaves: from here on, a crash means "maybe in the DMP".
    if (!(await mark(item.id, [item.state], 'sending', { countAttempt: true }))) return;
    changed();
    const attempt = { ...item, state: 'sending' as const, attempts: item.attempts + 1 };
    try {
      await options.send({ ...job, item: attempt });
    } catch (error) {
      await recordFailure(attempt, 'sending', error, request);
      return;
    }
    await markSent(attempt, 'sending', request);
  };

  const schedule = (delayMs: number): void => {
    clearTimeout(wakeTimer);
    // Not unref'd: a Node process running the engine (a drain, a crash trial) stays up while items back off.
    wakeTimer = setTimeout(kick, Math.min(Math.max(0, delayMs), 2 ** 31 - 1));
  };

  const checkDrained = async (): Promise<void> => {
    if (drainWaiters.length === 0 || inFlight.size > 0) return;
    const open = await store.call('outbox.list', { states: OPEN_STATES, limit: 1 });
    if (open.length > 0 || inFlight.size > 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const waiter of waiters) waiter();
  };

  const pump = async (): Promise<void> => {
    const room = concurrency - inFlight.size;
    if (room > 0) {
      const due = await store.call('outbox.due', { now: iso(), limit: room, exclude: [...inFlight.keys()] });
      for (const item of due) {
        const job = work(item)
          .catch(async (error: unknown) => {
            // The store itself failed (disk full, closed) mid-attempt. Left `sending`, the item would wait for the
            // next start; made `checking` (best effort), it is looked up again after a backoff.
            logger?.warn('sync.work_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
            const nextAttemptAt = new Date(now().getTime() + backoff.baseMs).toISOString();
            await mark(item.id, ['sending'], 'checking', { nextAttemptAt }).catch(() => undefined);
            settleFirst(item.id, QUEUED);
          })
          .finally(() => {
            inFlight.delete(item.id);
            changed();
            kick();
          });
        inFlight.set(item.id, job);
      }
    }
    if (inFlight.size < concurrency) {
      const next = await store.call('outbox.nextDue', { exclude: [...inFlight.keys()] });
      if (next !== null) schedule(Date.parse(next) - now().getTime());
    }
    await checkDrained();
  };

  function kick(): void {
    if (!running) return;
    if (pumping !== undefined) {
      pumpAgain = true;
      return;
    }
    pumping = pump()
      .catch((error: unknown) => {
        logger?.warn('sync.pump_failed', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
        // The store may come back (a full disk cleared): look again later.
        if (running) schedule(backoff.baseMs);
      })
      .finally(() => {
        pumping = undefined;
        if (pumpAgain) {
          pumpAgain = false;
          kick();
        }
      });
  }

  const toItem = (row: OutboxRow): OutboxItem => ({
    id: row.id,
    kind: row.kind,
    patientId: row.patientId,
    patient: row.patient,
    title: row.title,
    uniqueId: row.uniqueId,
    state: row.state,
    attempts: row.attempts,
    enqueuedAt: row.enqueuedAt,
    ...(row.nextAttemptAt === null ? {} : { nextAttemptAt: row.nextAttemptAt }),
    ...(row.lastError === null
      ? {}
      : {
          lastError: {
            code: isErrorCode(row.lastError.code) ? row.lastError.code : 'INTERNAL_ERROR',
            retryable: row.lastError.retryable,
          },
        }),
  });

  const openCount = (counts: Record<OutboxRowState, number>): number =>
    counts.pending + counts.sending + counts.checking + counts.waiting_card + counts.failed;

  async function snapshot(): Promise<OutboxSnapshot> {
    await store.call('outbox.dropSent', { before: new Date(now().getTime() - sentKeepMs).toISOString() });
    const [rows, counts] = await Promise.all([
      store.call('outbox.list', { limit: SNAPSHOT_MAX_ITEMS }),
      store.call('outbox.counts', undefined),
    ]);
    return {
      items: rows.map(toItem),
      progress: { done: sentSinceEmpty, total: sentSinceEmpty + openCount(counts) },
    };
  }

  return {
    start() {
      if (running) return Promise.resolve();
      // Concurrent callers share one start; a failed one (the store not open yet) may be tried again.
      starting ??= (async () => {
        const recovered = await store.call('outbox.recover', { now: iso() });
        if (recovered > 0) logger?.info('sync.recovered', { checking: recovered });
        running = true;
        changed();
        kick();
      })().finally(() => {
        starting = undefined;
      });
      return starting;
    },
    async stop() {
      await starting?.catch(() => undefined);
      running = false;
      clearTimeout(wakeTimer);
      clearTimeout(changeTimer);
      changeTimer = undefined;
      await pumping;
      await Promise.allSettled([...inFlight.values()]);
      clearTimeout(changeTimer);
      changeTimer = undefined;
      for (const id of [...firstOutcomeWaiters.keys()]) settleFirst(id, QUEUED);
    },
    async enqueue(item) {
      // A new batch after the outbox emptied: its progress counts from zero.
      if (openCount(await store.call('outbox.counts', undefined)) === 0) sentSinceEmpty = 0;
      const row = await store.call('outbox.insert', { item });
      logger?.info('sync.enqueued', { kind: item.kind });
      changed();
      kick();
      return row;
    },
    firstOutcome(id, timeoutMs) {
      if (!running) return Promise.resolve(QUEUED);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          firstOutcomeWaiters.get(id)?.delete(done);
          resolve(QUEUED);
        }, timeoutMs);
        const done = (outcome: FirstOutcome): void => {
          clearTimeout(timer);
          resolve(outcome);
        };
        const waiters = firstOutcomeWaiters.get(id) ?? new Set();
        waiters.add(done);
        firstOutcomeWaiters.set(id, waiters);
      });
    },
    drain() {
      return new Promise((resolve) => {
        drainWaiters.push(resolve);
        if (running) kick();
        else void checkDrained();
      });
    },
    snapshot,
    async retry(id) {
      const moved = await store.call('outbox.retry', { id, now: iso() });
      if (moved) {
        failures.delete(id);
        changed();
        kick();
      }
      return moved;
    },
    async cancel(id) {
      const item = await store.call('outbox.get', { id });
      if (item === undefined) return false;
      // An item attempted and now waiting for a card may be in the DMP already: it is sent (or found), never dropped.
      const cancellable = item.state === 'failed' || (item.state === 'waiting_card' && item.attempts === 0);
      if (!cancellable) return false;
      const dropped = await store.call('outbox.delete', { id, states: [item.state] });
      if (dropped) {
        failures.delete(id);
        changed();
        void checkDrained();
      }
      return dropped;
    },
    async wake(authorId) {
      const woken = await store.call('outbox.wake', { now: iso(), ...(authorId === undefined ? {} : { authorId }) });
      if (woken > 0) {
        changed();
        kick();
      }
    },
  };
}
