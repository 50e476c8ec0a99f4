import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_RETENTION_DAYS, retentionCutoff } from '../../../main/store/retention';

describe('cache retention', () => {
  it('is short by default', () => {
    expect(DEFAULT_CACHE_RETENTION_DAYS).toBe(7);
  });

  it('cuts off whole days before now, in the ISO form cached_at is written in', () => {
    const now = new Date('2026-12-06T09:30:00.000Z');
    expect(retentionCutoff(now, 7)).toBe('2026-11-29T09:30:00.000Z');
    expect(retentionCutoff(now, 1)).toBe('2026-12-05T09:30:00.000Z');
    // ISO strings of one form sort as the instants do: the SQL `<` on text is a time comparison.
    expect('2026-11-29T09:29:59.999Z' < retentionCutoff(now, 7)).toBe(true);
  });
});
