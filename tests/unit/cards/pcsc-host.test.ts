import type { CardInterface, ContextInterface, MonitorEvent, ReaderInterface, ReaderMonitorInterface } from 'smartcard';
import { describe, expect, it } from 'vitest';
import { createPcscHost, type PcscBinding } from '../../../main/cards/pcsc-host';
import type { HostMessage } from '../../../main/cards/pcsc-protocol';

/**
 * The host's logic against a scripted binding: pcscd down then up, reader and card events,
 * one context per reader, failures by kind, release with a reset on stop.
 */

const PRESENT = 0x20;
const LEAVE = 0;
const RESET = 1;
const ATR = Buffer.from('3B751300004909EA9000', 'hex');

class ScriptedMonitor implements ReaderMonitorInterface {
  isRunning = false;
  stopped = false;
  callback: ((event: MonitorEvent) => void) | undefined;
  constructor(private readonly fail: boolean) {}
  start(callback: (event: MonitorEvent) => void): void {
    if (this.fail) throw new Error('PC/SC service not running');
    this.isRunning = true;
    this.callback = callback;
  }
  stop(): void {
    this.stopped = true;
  }
  emit(type: MonitorEvent['type'], reader: string, atr: Buffer | null = null, state = 0): void {
    this.callback?.({ type, reader, atr, state });
  }
}

interface ScriptedCard {
  readonly reader: string;
  readonly sent: Uint8Array[];
  disconnects: number[];
}

function scriptedBinding(answer: (reader: string, apdu: Uint8Array) => Promise<Buffer>, failFirst = 0) {
  const monitors: ScriptedMonitor[] = [];
  const contexts: { closed: boolean }[] = [];
  const cards: ScriptedCard[] = [];
  const binding: PcscBinding = {
    createMonitor: () => {
      const monitor = new ScriptedMonitor(monitors.length < failFirst);
      monitors.push(monitor);
      return monitor;
    },
    createContext: () => {
      const context = { closed: false };
      contexts.push(context);
      const reader = (name: string): ReaderInterface => ({
        name,
        state: PRESENT,
        atr: ATR,
        connect: () => {
          const card: ScriptedCard = { reader: name, sent: [], disconnects: [] };
          cards.push(card);
          return Promise.resolve({
            transmit: (command: Buffer | number[]) => {
              card.sent.push(Uint8Array.from(command));
              return answer(name, Uint8Array.from(command));
            },
            disconnect: (disposition?: number) => card.disconnects.push(disposition ?? LEAVE),
          } as unknown as CardInterface);
        },
      });
      return {
        isValid: true,
        listReaders: () => [reader('Reader A'), reader('Reader B')],
        close: () => (context.closed = true),
      } as unknown as ContextInterface;
    },
    SCARD_STATE_PRESENT: PRESENT,
    SCARD_SHARE_SHARED: 2,
    SCARD_PROTOCOL_T0: 1,
    SCARD_PROTOCOL_T1: 2,
    SCARD_LEAVE_CARD: LEAVE,
    SCARD_RESET_CARD: RESET,
  };
  return { binding, monitors, contexts, cards };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const messages: HostMessage[] = [];
  return {
    messages,
    send: (message: HostMessage) => messages.push(message),
    lastState: () => messages.filter((m) => m.kind === 'state').at(-1),
    reply: (id: number) => messages.find((m) => (m.kind === 'answer' || m.kind === 'failure') && m.id === id),
  };
}

describe('PC/SC host (the process that owns the binding)', () => {
  it('says unavailable and retries with backoff while pcscd is down, then follows readers and cards', async () => {
    const { binding, monitors } = scriptedBinding(() => Promise.resolve(Buffer.of(0x90, 0)), 2);
    const out = recorder();
    const host = createPcscHost({ binding, send: out.send, retryInitialMs: 10, retryMaxMs: 20 });
    host.start();
    expect(out.lastState()).toEqual({ kind: 'state', service: 'unavailable', readers: [] });
    await wait(80);
    expect(monitors).toHaveLength(3);
    expect(out.lastState()).toEqual({ kind: 'state', service: 'ready', readers: [] });
    const monitor = monitors[2]!;
    monitor.emit('reader-attached', 'Reader A', ATR, PRESENT);
    monitor.emit('reader-attached', 'Reader B');
    expect(out.lastState()).toMatchObject({
      service: 'ready',
      readers: [
        { name: 'Reader A', atr: new Uint8Array(ATR), generation: 1 },
        { name: 'Reader B', generation: 0 },
      ],
    });
    monitor.emit('card-removed', 'Reader A');
    monitor.emit('card-inserted', 'Reader B', ATR);
    expect(out.lastState()).toMatchObject({
      readers: [
        { name: 'Reader A', generation: 2 },
        { name: 'Reader B', generation: 1 },
      ],
    });
    monitor.emit('reader-detached', 'Reader A');
    expect(out.lastState()).toMatchObject({ readers: [{ name: 'Reader B' }] });
    // pcscd dies under a running monitor: unavailable, readers gone, another attempt.
    monitor.emit('error', 'PC/SC service stopped');
    expect(out.lastState()).toEqual({ kind: 'state', service: 'unavailable', readers: [] });
    expect(monitor.stopped).toBe(true);
    await wait(40);
    expect(monitors).toHaveLength(4);
    expect(out.lastState()?.service).toBe('ready');
    await host.stop();
    expect(monitors[3]!.stopped).toBe(true);
  });

  it('gives each reader its own context, refuses stale insertions and wipes its copy of the APDU', async () => {
    const { binding, monitors, contexts, cards } = scriptedBinding((reader) =>
      Promise.resolve(reader === 'Reader A' ? Buffer.of(0x61, 0x10) : Buffer.of(0x90, 0x00)),
    );
    const out = recorder();
    const host = createPcscHost({ binding, send: out.send });
    host.start();
    monitors[0]!.emit('reader-attached', 'Reader A', ATR, PRESENT);
    monitors[0]!.emit('reader-attached', 'Reader B', ATR, PRESENT);
    const pin = Uint8Array.of(0x00, 0x20, 0x00, 0x00, 0x04, 0x31, 0x32, 0x33, 0x34);
    host.handle({ id: 1, op: 'transmit', reader: 'Reader A', generation: 1, apdu: pin });
    host.handle({ id: 2, op: 'transmit', reader: 'Reader B', generation: 1, apdu: Uint8Array.of(0, 0xb0, 0, 0) });
    host.handle({ id: 3, op: 'transmit', reader: 'Reader A', generation: 7, apdu: Uint8Array.of(0) });
    host.handle({ id: 4, op: 'transmit', reader: 'Reader Z', generation: 1, apdu: Uint8Array.of(0) });
    host.handle({ id: 5, op: 'ping' });
    await wait(5);
    expect(out.reply(1)).toEqual({ kind: 'answer', id: 1, response: Uint8Array.of(0x61, 0x10) });
    expect(out.reply(2)).toEqual({ kind: 'answer', id: 2, response: Uint8Array.of(0x90, 0x00) });
    expect(out.reply(3)).toEqual({ kind: 'failure', id: 3, failure: 'card-removed' });
    expect(out.reply(4)).toEqual({ kind: 'failure', id: 4, failure: 'reader-not-found' });
    expect(out.reply(5)).toEqual({ kind: 'answer', id: 5 });
    expect(pin.every((byte) => byte === 0)).toBe(true);
    // One context per reader: a card mute in one never holds the other (libpcsclite serialises a context).
    expect(contexts).toHaveLength(2);
    expect(cards.map((card) => card.reader)).toEqual(['Reader A', 'Reader B']);
    // A second exchange reuses the connection.
    host.handle({ id: 6, op: 'transmit', reader: 'Reader B', generation: 1, apdu: Uint8Array.of(0) });
    await wait(5);
    expect(cards).toHaveLength(2);
    // The card is pulled: its handle goes back to pcscd without a reset.
    monitors[0]!.emit('card-removed', 'Reader B');
    await wait(1);
    expect(cards[1]!.disconnects).toEqual([LEAVE]);
    expect(contexts[1]!.closed).toBe(true);
    // Stop: what is still held is released with a reset (no CPS left logged in for other clients).
    await host.stop();
    expect(cards[0]!.disconnects).toEqual([RESET]);
    expect(contexts[0]!.closed).toBe(true);
    expect(monitors[0]!.stopped).toBe(true);
  });

  it('types failures: a pulled card, a vanished service, anything else; a failed handle is reopened', async () => {
    const errors = [new Error('Card was removed'), new Error('PC/SC service stopped'), new Error('Transaction failed')];
    const { binding, monitors, cards } = scriptedBinding(() => {
      const error = errors.shift();
      return error === undefined ? Promise.resolve(Buffer.of(0x90, 0x00)) : Promise.reject(error);
    });
    const out = recorder();
    const host = createPcscHost({ binding, send: out.send, removalGraceMs: 20 });
    host.start();
    monitors[0]!.emit('reader-attached', 'Reader A', ATR, PRESENT);
    for (let id = 1; id <= 4; id += 1) {
      host.handle({ id, op: 'transmit', reader: 'Reader A', generation: 1, apdu: Uint8Array.of(0) });
      await wait(40);
    }
    expect([1, 2, 3, 4].map((id) => out.reply(id))).toEqual([
      { kind: 'failure', id: 1, failure: 'card-removed' },
      { kind: 'failure', id: 2, failure: 'unavailable' },
      { kind: 'failure', id: 3, failure: 'io' },
      { kind: 'answer', id: 4, response: Uint8Array.of(0x90, 0x00) },
    ]);
    expect(cards).toHaveLength(4);
    await host.stop();
  });
});
