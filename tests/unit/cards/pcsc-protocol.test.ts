import { describe, expect, it } from 'vitest';
import { isHostMessage, isHostRequest } from '../../../main/cards/pcsc-protocol';

describe('PC/SC host protocol guards', () => {
  it('accepts every message the host sends', () => {
    for (const message of [
      { kind: 'answer', id: 1 },
      { kind: 'answer', id: 2, response: Uint8Array.of(0x90, 0) },
      { kind: 'failure', id: 3, failure: 'card-removed' },
      {
        kind: 'state',
        service: 'ready',
        readers: [
          { name: 'A', generation: 0 },
          { name: 'B', atr: Uint8Array.of(0x3b), generation: 4 },
        ],
      },
      { kind: 'log', level: 'warn', event: 'cards.pcsc_reader_error', kindOf: 'timeout' },
    ]) {
      expect(isHostMessage(message)).toBe(true);
    }
  });

  it('refuses anything off the shape', () => {
    for (const message of [
      null,
      'answer',
      { kind: 'answer', id: -1 },
      { kind: 'answer', id: 1.5 },
      { kind: 'answer', id: 1, response: [0x90, 0] },
      { kind: 'failure', id: 1, failure: 'exploded' },
      { kind: 'state', service: 'busy', readers: [] },
      { kind: 'state', service: 'ready', readers: [{ name: 'A' }] },
      { kind: 'state', service: 'ready', readers: [{ name: 'A', generation: 0, atr: '3B' }] },
      { kind: 'log', level: 'debug', event: 'x' },
      { kind: 'other' },
    ]) {
      expect(isHostMessage(message)).toBe(false);
    }
  });

  it('checks requests on the host side too', () => {
    expect(isHostRequest({ id: 1, op: 'transmit', reader: 'A', generation: 1, apdu: Uint8Array.of(0) })).toBe(true);
    expect(isHostRequest({ id: 2, op: 'ping' })).toBe(true);
    expect(isHostRequest({ id: 3, op: 'stop' })).toBe(true);
    expect(isHostRequest({ id: 1, op: 'transmit', reader: 'A', generation: 1, apdu: [0] })).toBe(false);
    expect(isHostRequest({ id: 1, op: 'transmit', reader: 7, generation: 1, apdu: Uint8Array.of(0) })).toBe(false);
    expect(isHostRequest({ op: 'ping' })).toBe(false);
    expect(isHostRequest({ id: 1, op: 'eject' })).toBe(false);
  });
});
