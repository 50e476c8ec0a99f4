import { describe, expect, it } from 'vitest';
import { formatHl7Timestamp } from '../../../renderer/src/features/history/format';

describe('formatHl7Timestamp', () => {
  it.each([
    ['20261122164527', '22/11/2026 16:45'],
    ['202611221645', '22/11/2026 16:45'],
    ['20261122', '22/11/2026'],
    ['20261122164527+0100', '22/11/2026 16:45'],
  ])('%s -> %s', (raw, shown) => {
    expect(formatHl7Timestamp(raw)).toBe(shown);
  });

  it('shows a dash for no date and leaves an unknown format as it is', () => {
    expect(formatHl7Timestamp(null)).toBe('—');
    expect(formatHl7Timestamp('2026-11-22')).toBe('2026-11-22');
  });
});
