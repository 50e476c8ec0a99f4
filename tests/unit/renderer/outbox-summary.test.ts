import { describe, expect, it } from 'vitest';
import {
  drainProgress,
  formatNextAttempt,
  itemActions,
  summarizeOutbox,
} from '../../../renderer/src/features/outbox/summary';
import { OUTBOX_STATES } from '../../../shared/api/outbox';

describe('summarizeOutbox', () => {
  it('counts each state once, checking with pending, and leaves sent items out of what is unsent', () => {
    const summary = summarizeOutbox(OUTBOX_STATES.map((state) => ({ state })));
    expect(summary).toEqual({ tone: 'failed', pending: 2, sending: 1, waitingCard: 1, failed: 1, unsent: 5 });
  });

  it('takes the tone of the state that most needs the user', () => {
    expect(summarizeOutbox([]).tone).toBe('clear');
    expect(summarizeOutbox([{ state: 'sent' }]).tone).toBe('clear');
    expect(summarizeOutbox([{ state: 'pending' }, { state: 'sent' }]).tone).toBe('active');
    expect(summarizeOutbox([{ state: 'checking' }, { state: 'waiting_card' }]).tone).toBe('card');
    expect(summarizeOutbox([{ state: 'waiting_card' }, { state: 'failed' }]).tone).toBe('failed');
  });
});

describe('drainProgress', () => {
  it('shows a drain of several items while it runs, not a single deposit nor a finished drain', () => {
    expect(drainProgress({ items: [], progress: { done: 12, total: 40 } })).toEqual({ done: 12, total: 40 });
    expect(drainProgress({ items: [], progress: { done: 0, total: 1 } })).toBeUndefined();
    expect(drainProgress({ items: [], progress: { done: 40, total: 40 } })).toBeUndefined();
  });
});

describe('itemActions', () => {
  it('retries only a failed item and cancels only what cannot already be in the DMP', () => {
    const allowed = Object.fromEntries(OUTBOX_STATES.map((state) => [state, itemActions({ state })]));
    expect(allowed).toEqual({
      pending: { retry: false, cancel: false },
      sending: { retry: false, cancel: false },
      checking: { retry: false, cancel: false },
      waiting_card: { retry: false, cancel: true },
      failed: { retry: true, cancel: true },
      sent: { retry: false, cancel: false },
    });
  });
});

describe('formatNextAttempt', () => {
  const now = new Date(2026, 11, 6, 10, 0, 0);
  it('gives the time alone today, the day too after midnight, nothing once due', () => {
    expect(formatNextAttempt(new Date(2026, 11, 6, 10, 5).toISOString(), now, 'fr')).toBe('10:05');
    expect(formatNextAttempt(new Date(2026, 11, 7, 0, 30).toISOString(), now, 'fr')).toBe('07/12 00:30');
    expect(formatNextAttempt(new Date(2026, 11, 6, 9, 59).toISOString(), now, 'fr')).toBeUndefined();
    expect(formatNextAttempt(undefined, now, 'fr')).toBeUndefined();
  });
});
