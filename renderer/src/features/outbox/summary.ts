import type { OutboxItem, OutboxSnapshot } from '../../../../shared/api/outbox';
import { dateLocale } from '../../i18n';

/**
 * What the header says about the outbox, worst first: a failure needs the user, a missing card
 * needs the user's card, the rest only needs time. `clear` is the discreet "everything is sent".
 */
export type OutboxTone = 'clear' | 'active' | 'card' | 'failed';

export interface OutboxSummary {
  readonly tone: OutboxTone;
  /**
   * Waiting for their turn or for the backoff delay, including those to be looked up in the DMP
   * after an unknown outcome (the panel says which): to the header, none of them is moving yet.
   */
  readonly pending: number;
  /** On the wire now. */
  readonly sending: number;
  readonly waitingCard: number;
  readonly failed: number;
  /** Everything not yet in the DMP: what quitting or closing the page would leave behind. */
  readonly unsent: number;
}

export function summarizeOutbox(items: readonly Pick<OutboxItem, 'state'>[]): OutboxSummary {
  let pending = 0;
  let sending = 0;
  let waitingCard = 0;
  let failed = 0;
  for (const { state } of items) {
    if (state === 'pending' || state === 'checking') pending += 1;
    else if (state === 'sending') sending += 1;
    else if (state === 'waiting_card') waitingCard += 1;
    else if (state === 'failed') failed += 1;
  }
  const tone: OutboxTone =
    failed > 0 ? 'failed' : waitingCard > 0 ? 'card' : pending + sending > 0 ? 'active' : 'clear';
  return { tone, pending, sending, waitingCard, failed, unsent: pending + sending + waitingCard + failed };
}

/**
 * "12 sur 40 envoyés" only while a drain of more than one item is under way: a single deposit
 * needs no progress bar, and a finished drain is said by the "everything is sent" state.
 */
export function drainProgress(snapshot: OutboxSnapshot): { done: number; total: number } | undefined {
  const { done, total } = snapshot.progress;
  if (total < 2 || done >= total) return undefined;
  return { done, total };
}

/** The order of the panel: what needs the user first, then what waits, then what is done. */
const STATE_ORDER: Readonly<Record<OutboxItem['state'], number>> = {
  failed: 0,
  waiting_card: 1,
  checking: 2,
  sending: 3,
  pending: 4,
  sent: 5,
};

export function panelOrder(items: readonly OutboxItem[]): OutboxItem[] {
  return [...items].sort(
    (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.enqueuedAt.localeCompare(b.enqueuedAt),
  );
}

/** What the user may do to an item, as the contract allows: retry a refusal, drop what is not in the DMP. */
export function itemActions(item: Pick<OutboxItem, 'state'>): { retry: boolean; cancel: boolean } {
  return { retry: item.state === 'failed', cancel: item.state === 'failed' || item.state === 'waiting_card' };
}

/**
 * When the next attempt is due, in the user's language: the time alone today, with the day
 * otherwise (a backoff can cross midnight). Undefined for an attempt already due.
 */
export function formatNextAttempt(iso: string | undefined, now: Date, language: string): string | undefined {
  if (iso === undefined) return undefined;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) return undefined;
  const sameDay = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(dateLocale(language), {
    ...(sameDay ? {} : { day: '2-digit', month: '2-digit' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
