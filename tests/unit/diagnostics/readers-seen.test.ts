import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSeenReaders, readSeenReaders, trackSeenReaders } from '../../../main/diagnostics/readers-seen';
import type { CardsStatus } from '../../../shared/domain/cards';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-readers-');
const at = new Date('2026-12-01T08:00:00.000Z');
const status = (readers: CardsStatus['readers']): CardsStatus => ({ backend: 'pcsc', service: 'ready', readers });

describe('readers seen', () => {
  it('remembers each reader once with the kinds of card read in it, and nothing read from a card', () => {
    let seen = mergeSeenReaders([], status([{ name: 'Gemalto 00' }]), at);
    seen = mergeSeenReaders(seen, status([{ name: 'Gemalto 00', card: { kind: 'vitale2', atr: '3B8F8001' } }]), at);
    seen = mergeSeenReaders(seen, status([{ name: 'Gemalto 00', card: { kind: 'vitale2', atr: '3B8F8001' } }]), at);
    expect(seen).toEqual([{ name: 'Gemalto 00', cardKinds: ['vitale2'], firstSeen: at.toISOString() }]);
    expect(JSON.stringify(seen)).not.toContain('3B8F');
  });

  it('returns the same list when nothing is new, so nothing is written', () => {
    const seen = mergeSeenReaders([], status([{ name: 'A' }]), at);
    expect(mergeSeenReaders(seen, status([{ name: 'A' }]), at)).toBe(seen);
  });

  it('keeps the record in a 0600 file that survives a restart', async () => {
    const file = join(await tempDir(), 'readers-seen.json');
    let emit: (s: CardsStatus) => void = () => undefined;
    const stop = trackSeenReaders({
      file,
      status: () => status([{ name: 'A' }]),
      onChange: (listener) => {
        emit = listener;
        return () => undefined;
      },
      now: () => at,
    });
    emit(status([{ name: 'A' }, { name: 'B', card: { kind: 'cps3', atr: '3B00' } }]));
    stop();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readSeenReaders(file).map((r) => [r.name, r.cardKinds])).toEqual([
      ['A', []],
      ['B', ['cps3']],
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain('3B00');
  });
});
