import { AppError } from '../../shared/errors';
import type { ReaderBackend, ReaderSnapshot } from './backend';
import type { CardChannel } from './channel';

/**
 * An in-process reader as main sees it. Main never imports the simulators: training mode's
 * composition hands them in through this structural type.
 */
export interface InProcessReader {
  readonly name: string;
  card(): { readonly atr: Uint8Array; transmit(apdu: Uint8Array): Promise<Uint8Array> } | undefined;
  onChange(listener: () => void): () => void;
}

export function createVirtualBackend(readers: readonly InProcessReader[]): ReaderBackend {
  const listeners = new Set<() => void>();
  const unsubscribes: (() => void)[] = [];
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  const find = (name: string): InProcessReader => {
    const reader = readers.find((candidate) => candidate.name === name);
    if (reader === undefined) throw new AppError('CARD_READER_NOT_FOUND');
    return reader;
  };
  return {
    kind: 'virtual',
    start: () => {
      if (unsubscribes.length === 0) for (const reader of readers) unsubscribes.push(reader.onChange(notify));
    },
    stop: () => {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      return Promise.resolve();
    },
    service: () => 'ready',
    readers: () =>
      readers.map((reader): ReaderSnapshot => {
        const card = reader.card();
        return card === undefined ? { name: reader.name } : { name: reader.name, atr: card.atr };
      }),
    channel: (name): CardChannel => {
      const reader = find(name);
      const card = reader.card();
      if (card === undefined) throw new AppError('CARD_ABSENT');
      return {
        atr: card.atr,
        transmit: async (apdu) => {
          if (reader.card() !== card) throw new AppError('CARD_REMOVED');
          try {
            return await card.transmit(apdu);
          } catch (error) {
            // The slot's own state says whether the card left; the error object is the simulator's business.
            throw new AppError(reader.card() === card ? 'CARD_IO' : 'CARD_REMOVED', { cause: error });
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
