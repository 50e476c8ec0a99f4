import { EventEmitter } from 'node:events';
import type { Devices } from 'smartcard';
import { describe, expect, it } from 'vitest';
import { createPcscBackend } from '../../../main/cards/pcsc-backend';
import { isAppError } from '../../../shared/errors';
import { memoryLogger } from '../../support/memory-logger';

/**
 * The binding's event surface, scripted: pcscd down at first, then up, then dying under us.
 * (The real daemon going away and coming back is in tests/integration/cards.)
 */
class ScriptedDevices extends EventEmitter {
  stopped = false;
  constructor(private readonly onStart: (self: ScriptedDevices) => void) {
    super();
  }
  start(): void {
    this.onStart(this);
  }
  stop(): void {
    this.stopped = true;
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PC/SC backend lifecycle', () => {
  it('retries with backoff while pcscd is down, then follows readers and cards', async () => {
    const created: ScriptedDevices[] = [];
    const log = memoryLogger();
    const backend = createPcscBackend({
      logger: log.logger,
      retryInitialMs: 10,
      retryMaxMs: 40,
      createDevices: () => {
        const attempt = created.length;
        const devices = new ScriptedDevices((self) => {
          if (attempt < 3) self.emit('error', new Error('PC/SC service not running'));
          else self.emit('reader-attached', { name: 'Reader A' });
        });
        created.push(devices);
        return devices as unknown as Devices;
      },
    });
    let changes = 0;
    backend.onChange(() => (changes += 1));
    backend.start();
    expect(backend.service()).toBe('unavailable');
    expect(() => backend.channel('Reader A')).toThrow(expect.objectContaining({ code: 'PCSC_UNAVAILABLE' }));
    await wait(150);
    expect(created.length).toBe(4);
    expect(created.slice(0, 3).every((devices) => devices.stopped)).toBe(true);
    expect(backend.service()).toBe('ready');
    expect(backend.readers()).toEqual([{ name: 'Reader A' }]);

    const latest = created[3]!;
    const card = {
      atr: Buffer.from('3B751300004909EA9000', 'hex'),
      transmit: () => Promise.reject(new Error('Card was removed')),
    };
    latest.emit('card-inserted', { reader: { name: 'Reader A' }, card });
    expect(backend.readers()).toEqual([{ name: 'Reader A', atr: new Uint8Array(card.atr) }]);
    const channel = backend.channel('Reader A');
    latest.emit('card-removed', { reader: { name: 'Reader A' }, card });
    await expect(channel.transmit(Uint8Array.of(0, 0xa4, 0, 0))).rejects.toSatisfy(
      (error) => isAppError(error) && error.code === 'CARD_REMOVED',
    );
    expect(() => backend.channel('Reader A')).toThrow(expect.objectContaining({ code: 'CARD_ABSENT' }));
    expect(() => backend.channel('Reader B')).toThrow(expect.objectContaining({ code: 'CARD_READER_NOT_FOUND' }));

    // pcscd dies while running: back to unavailable, readers gone, and a new attempt is scheduled.
    latest.emit('error', new Error('PC/SC service stopped'));
    expect(backend.service()).toBe('unavailable');
    expect(backend.readers()).toEqual([]);
    await wait(100);
    expect(created.length).toBe(5);
    expect(backend.service()).toBe('ready');
    expect(changes).toBeGreaterThan(4);
    // A card-level error is logged by kind only and does not take the service down.
    created[4]!.emit('error', new Error('Card is unresponsive'));
    expect(backend.service()).toBe('ready');
    expect(log.text()).toContain('"kind":"other"');

    await backend.stop();
    expect(created[4]!.stopped).toBe(true);
    await wait(60);
    expect(created.length).toBe(5);
  });
});
