import type { CardInterface, ContextInterface, MonitorEvent, ReaderMonitorInterface } from 'smartcard';
import type { CardServiceState } from '../../shared/domain/cards';
import type { HostFailure, HostMessage, HostReader, HostRequest } from './pcsc-protocol';

/**
 * The PC/SC side of the card stack, run in its own process (pcsc-host-entry.ts) so that no call
 * into the `smartcard` binding ever runs on the app's main thread: some of them are synchronous
 * (SCardDisconnect, SCardListReaders, SCardStatus) and wait on pcscd, which may wait on a card
 * that never answers. A frozen host is killed and replaced by the app (pcsc-backend.ts).
 *
 * Each reader's card I/O gets its own PC/SC context: libpcsclite serialises every call of one
 * context, so with a shared context a card mute in one reader froze the other reader as well.
 */

export interface PcscBinding {
  createMonitor(): ReaderMonitorInterface;
  createContext(): ContextInterface;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
}

export interface PcscHostOptions {
  readonly binding: PcscBinding;
  readonly send: (message: HostMessage) => void;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** How long an empty answer waits for pcscd's removal event before being judged (pcscd polls a few times a second). */
  readonly removalGraceMs?: number;
}

export interface PcscHost {
  start(): void;
  handle(request: Exclude<HostRequest, { op: 'stop' }>): void;
  /** Resets and releases every card, stops the monitor. Synchronous calls: may block on a mute card. */
  stop(): Promise<void>;
}

interface Connection {
  readonly context: ContextInterface;
  readonly card: CardInterface;
}

interface Slot {
  atr?: Uint8Array;
  generation: number;
  /** Opened on the first exchange of an insertion, on this reader's own context. */
  connection?: Promise<Connection>;
}

const SERVICE_DOWN = /service (not running|stopped)|context is not valid|no service/i;
const CARD_GONE =
  /card was removed|no smart card|card is not connected|card was reset|card is unpowered|reader unavailable|unknown reader/i;
const TIMEOUT = /timed out/i;
const UNRESPONSIVE = /unresponsive/i;

export function classifyPcscError(error: unknown): 'card-gone' | 'timeout' | 'service-down' | 'other' {
  const message = error instanceof Error ? error.message : '';
  if (CARD_GONE.test(message)) return 'card-gone';
  if (TIMEOUT.test(message)) return 'timeout';
  if (SERVICE_DOWN.test(message)) return 'service-down';
  return 'other';
}

export function createPcscHost(options: PcscHostOptions): PcscHost {
  const { binding, send } = options;
  const initialDelay = options.retryInitialMs ?? 500;
  const maxDelay = options.retryMaxMs ?? 5_000;
  const removalGraceMs = options.removalGraceMs ?? 1_000;
  const slots = new Map<string, Slot>();
  let state: CardServiceState = 'starting';
  let monitor: ReaderMonitorInterface | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = initialDelay;
  let running = false;

  const publish = (): void => {
    const readers = [...slots.entries()].map(([name, slot]): HostReader =>
      slot.atr === undefined
        ? { name, generation: slot.generation }
        : { name, atr: slot.atr, generation: slot.generation },
    );
    send({ kind: 'state', service: state, readers });
  };

  const log = (level: 'info' | 'warn' | 'error', event: string, kindOf?: string): void => {
    send(kindOf === undefined ? { kind: 'log', level, event } : { kind: 'log', level, event, kindOf });
  };

  /** Gives the card handle and its context back to pcscd; `reset` also clears the card's security state. */
  const release = (slot: Slot, reset: boolean): Promise<void> => {
    const connection = slot.connection;
    delete slot.connection;
    if (connection === undefined) return Promise.resolve();
    const close = ({ context, card }: Connection): void => {
      try {
        card.disconnect(reset ? binding.SCARD_RESET_CARD : binding.SCARD_LEAVE_CARD);
      } catch {
        // A card already gone cannot be disconnected twice: nothing is held any more.
      }
      try {
        context.close();
      } catch {
        // Same for its context.
      }
    };
    return connection.then(close, () => undefined);
  };

  const teardown = (): void => {
    const current = monitor;
    monitor = undefined;
    if (current !== undefined) {
      try {
        current.stop();
      } catch {
        // A monitor whose context pcscd already dropped.
      }
    }
    for (const slot of slots.values()) void release(slot, false);
    slots.clear();
  };

  const setState = (next: CardServiceState): void => {
    state = next;
  };

  const scheduleRetry = (): void => {
    if (!running || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  const onServiceLost = (): void => {
    teardown();
    setState('unavailable');
    publish();
    scheduleRetry();
  };

  const onEvent = (created: ReaderMonitorInterface, event: MonitorEvent): void => {
    if (monitor !== created) return;
    const { type, reader } = event;
    if (type === 'error') {
      // The monitor reports its own context failing: pcscd went away, whatever the wording.
      if (SERVICE_DOWN.test(reader)) onServiceLost();
      else log('warn', 'cards.pcsc_reader_error', classifyPcscError(new Error(reader)));
      return;
    }
    if (type === 'reader-detached') {
      const slot = slots.get(reader);
      if (slot !== undefined) void release(slot, false);
      slots.delete(reader);
    } else {
      const slot = slots.get(reader) ?? { generation: 0 };
      slots.set(reader, slot);
      const present =
        type === 'card-inserted' || (type === 'reader-attached' && (event.state & binding.SCARD_STATE_PRESENT) !== 0);
      if (present && event.atr !== null && event.atr.length > 0) {
        slot.generation += 1;
        slot.atr = new Uint8Array(event.atr);
      } else if (type === 'card-removed') {
        slot.generation += 1;
        delete slot.atr;
        void release(slot, false);
      }
    }
    publish();
  };

  const connect = (): void => {
    if (!running) return;
    teardown();
    let created: ReaderMonitorInterface | undefined;
    try {
      created = binding.createMonitor();
      monitor = created;
      const current = created;
      current.start((event) => onEvent(current, event));
    } catch {
      // Establishing the monitor's context failed: pcscd is not there.
      if (monitor === created) onServiceLost();
      return;
    }
    delay = initialDelay;
    setState('ready');
    publish();
  };

  const open = async (name: string): Promise<Connection> => {
    const context = binding.createContext();
    try {
      const reader = context.listReaders().find((candidate) => candidate.name === name);
      if (reader === undefined) throw new Error('Unknown reader');
      const both = binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1;
      const card = await reader.connect(binding.SCARD_SHARE_SHARED, both).catch((error: unknown) => {
        // Some cards refuse the dual-protocol negotiation; both of ours speak T=0.
        if (error instanceof Error && UNRESPONSIVE.test(error.message)) {
          return reader.connect(binding.SCARD_SHARE_SHARED, binding.SCARD_PROTOCOL_T0);
        }
        throw error;
      });
      return { context, card };
    } catch (error) {
      context.close();
      throw error;
    }
  };

  const settlesAsRemoved = async (name: string, generation: number): Promise<boolean> => {
    const deadline = Date.now() + removalGraceMs;
    while (slots.get(name)?.generation === generation) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  };

  const toFailure = async (error: unknown, name: string, generation: number): Promise<HostFailure> => {
    const kind = classifyPcscError(error);
    if (kind === 'card-gone' || (await settlesAsRemoved(name, generation))) return 'card-removed';
    if (kind === 'timeout') return 'timeout';
    if (kind === 'service-down') return 'unavailable';
    return 'io';
  };

  const transmit = async (request: Extract<HostRequest, { op: 'transmit' }>): Promise<HostMessage> => {
    const { id, reader: name, generation, apdu } = request;
    try {
      if (state !== 'ready') return { kind: 'failure', id, failure: 'unavailable' };
      const slot = slots.get(name);
      if (slot === undefined) return { kind: 'failure', id, failure: 'reader-not-found' };
      if (slot.generation !== generation) return { kind: 'failure', id, failure: 'card-removed' };
      if (slot.atr === undefined) return { kind: 'failure', id, failure: 'card-absent' };
      slot.connection ??= open(name);
      const connection = slot.connection;
      try {
        const { card } = await connection;
        const response = await card.transmit(Buffer.from(apdu.buffer, apdu.byteOffset, apdu.byteLength));
        // A card pulled mid-exchange often yields an empty answer before pcscd reports the removal.
        if (response.length < 2 && (await settlesAsRemoved(name, generation))) {
          return { kind: 'failure', id, failure: 'card-removed' };
        }
        return { kind: 'answer', id, response: new Uint8Array(response) };
      } catch (error) {
        // A handle that failed once is not trusted again: the next exchange reconnects.
        if (slot.connection === connection) void release(slot, false);
        return { kind: 'failure', id, failure: await toFailure(error, name, generation) };
      }
    } finally {
      // Our copy of a VERIFY carries the PIN: it does not outlive the exchange.
      apdu.fill(0);
    }
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      connect();
    },
    handle: (request) => {
      if (request.op === 'ping') {
        send({ kind: 'answer', id: request.id });
        return;
      }
      void transmit(request).then(send);
    },
    stop: async () => {
      running = false;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      await Promise.all([...slots.values()].map((slot) => release(slot, true)));
      teardown();
    },
  };
}
