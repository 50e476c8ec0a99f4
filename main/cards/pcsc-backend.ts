import type { CardInterface, Devices } from 'smartcard';
import type { CardServiceState } from '../../shared/domain/cards';
import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { ReaderBackend, ReaderSnapshot } from './backend';
import type { CardChannel } from './channel';

/**
 * Readers through pcscd, with the `smartcard` binding (N-API: one build for Node and Electron;
 * typed; when pcscd is down it emits `error` instead of throwing from a constructor or
 * busy-looping like the NAN `pcsclite` bindings). It does not retry by itself, so this backend
 * restarts the monitor with capped exponential backoff until pcscd answers again.
 */

export interface PcscBackendOptions {
  readonly logger: Logger;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** For tests of the retry logic; the real binding otherwise. */
  readonly createDevices?: () => Devices;
}

interface Slot {
  atr?: Uint8Array;
  card?: CardInterface;
  /** Bumped on every insertion and removal, so a channel knows when its card is gone. */
  generation: number;
}

const SERVICE_DOWN = /service (not running|stopped)|context is not valid|no service/i;
const CARD_GONE =
  /card was removed|no smart card|card is not connected|card was reset|card is unpowered|reader unavailable|unknown reader/i;
const TIMEOUT = /timed out/i;

export function createPcscBackend(options: PcscBackendOptions): ReaderBackend {
  const logger = options.logger;
  const initialDelay = options.retryInitialMs ?? 500;
  const maxDelay = options.retryMaxMs ?? 5_000;
  let createDevices: (() => Devices) | undefined = options.createDevices;
  const listeners = new Set<() => void>();
  const slots = new Map<string, Slot>();
  let state: CardServiceState = 'starting';
  let devices: Devices | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = initialDelay;
  let running = false;

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const setState = (next: CardServiceState): void => {
    if (state === next) return;
    state = next;
    logger.info('cards.pcsc_state', { state });
    notify();
  };

  const teardown = (): void => {
    const current = devices;
    devices = undefined;
    if (current !== undefined) {
      current.removeAllListeners();
      // A late error from the native monitor must not become an unhandled 'error' event.
      current.on('error', () => undefined);
      current.stop();
    }
    slots.clear();
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
    scheduleRetry();
  };

  const connect = (): void => {
    if (!running) return;
    teardown();
    if (createDevices === undefined) return;
    const created = createDevices();
    let failed = false;
    let starting = true;
    created.on('error', (error: Error) => {
      // Anything thrown while opening the context means pcscd is not there, whatever its wording.
      if (starting || SERVICE_DOWN.test(error.message) || devices !== created) {
        failed = true;
        if (devices === created) onServiceLost();
        return;
      }
      // A card that cannot be powered, a reader that vanished: not the service's fault.
      logger.warn('cards.pcsc_reader_error', { kind: classify(error) });
    });
    created.on('reader-attached', (reader) => {
      if (!slots.has(reader.name)) slots.set(reader.name, { generation: 0 });
      notify();
    });
    created.on('reader-detached', (reader) => {
      slots.delete(reader.name);
      notify();
    });
    created.on('card-inserted', ({ reader, card }) => {
      const slot = slots.get(reader.name) ?? { generation: 0 };
      slot.generation += 1;
      slot.card = card;
      const atr = card.atr ?? reader.atr ?? null;
      if (atr === null) delete slot.atr;
      else slot.atr = new Uint8Array(atr);
      slots.set(reader.name, slot);
      notify();
    });
    created.on('card-removed', ({ reader }) => {
      const slot = slots.get(reader.name);
      if (slot === undefined) return;
      slot.generation += 1;
      delete slot.card;
      delete slot.atr;
      notify();
    });
    devices = created;
    created.start();
    starting = false;
    if (failed) return;
    delay = initialDelay;
    setState('ready');
  };

  return {
    kind: 'pcsc',
    start: () => {
      if (running) return;
      running = true;
      if (createDevices !== undefined) {
        connect();
        return;
      }
      // The native binding is loaded on first use: a machine without libpcsclite gets a card
      // service that says "unavailable", not an application that cannot start.
      void import('smartcard').then(
        (binding) => {
          createDevices = () => new binding.Devices();
          connect();
        },
        () => {
          logger.error('cards.pcsc_binding_missing');
          setState('unavailable');
        },
      );
    },
    stop: () => {
      running = false;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      teardown();
      return Promise.resolve();
    },
    service: () => state,
    readers: () =>
      [...slots.entries()]
        .map(([name, slot]): ReaderSnapshot => (slot.atr === undefined ? { name } : { name, atr: slot.atr }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    channel: (name): CardChannel => {
      if (state !== 'ready') throw new AppError('PCSC_UNAVAILABLE');
      const slot = slots.get(name);
      if (slot === undefined) throw new AppError('CARD_READER_NOT_FOUND');
      const card = slot.card;
      const atr = slot.atr;
      if (card === undefined || atr === undefined) throw new AppError('CARD_ABSENT');
      const generation = slot.generation;
      return {
        atr,
        transmit: async (apdu) => {
          if (slots.get(name)?.generation !== generation) throw new AppError('CARD_REMOVED');
          const removed = () => slots.get(name)?.generation !== generation;
          try {
            // A view, not a copy: the caller wipes PIN-bearing buffers after the exchange.
            const response = await card.transmit(Buffer.from(apdu.buffer, apdu.byteOffset, apdu.byteLength));
            // A card pulled mid-exchange often yields an empty answer before pcscd reports the removal.
            if (response.length < 2 && (await settlesAsRemoved(removed))) throw new AppError('CARD_REMOVED');
            return new Uint8Array(response);
          } catch (error) {
            if (error instanceof AppError) throw error;
            throw toAppError(error, await settlesAsRemoved(removed));
          }
        },
      };
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** pcscd polls readers a few times a second: give its removal event that long before judging. */
const REMOVAL_GRACE_MS = 1_000;

async function settlesAsRemoved(removed: () => boolean): Promise<boolean> {
  const deadline = Date.now() + REMOVAL_GRACE_MS;
  while (!removed()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

function classify(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (CARD_GONE.test(message)) return 'card-gone';
  if (TIMEOUT.test(message)) return 'timeout';
  if (SERVICE_DOWN.test(message)) return 'service-down';
  return 'other';
}

function toAppError(error: unknown, cardChanged: boolean): AppError {
  const kind = classify(error);
  if (cardChanged || kind === 'card-gone') return new AppError('CARD_REMOVED', { cause: error });
  if (kind === 'timeout') return new AppError('CARD_TIMEOUT', { cause: error });
  if (kind === 'service-down') return new AppError('PCSC_UNAVAILABLE', { cause: error });
  return new AppError('CARD_IO', { cause: error });
}
