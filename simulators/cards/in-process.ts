import { FaultInjector, type FaultPlan } from './faults';
import type { VirtualCard } from './iso-card';

/** A card as an in-process reader hands it out: ATR plus an asynchronous exchange. */
export interface InsertedCard {
  readonly atr: Uint8Array;
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

export class CardRemovedError extends Error {
  constructor() {
    super('virtual card removed');
    this.name = 'CardRemovedError';
  }
}

/**
 * A reader slot without pcscd, for training mode and unit tests: the app side sees the same
 * card behaviour (T=0, faults) as through vpcd, minus the daemon. Insertion and removal are
 * announced to listeners, as pcscd announces them.
 */
export class VirtualReader {
  private inserted: { readonly handle: InsertedCard; readonly card: VirtualCard } | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly name: string) {}

  insert(card: VirtualCard, faults: FaultPlan = {}): InsertedCard {
    this.remove();
    card.reset();
    const injector = new FaultInjector(faults);
    const handle: InsertedCard = {
      atr: card.atr,
      transmit: (apdu) => {
        if (this.inserted?.handle !== handle) return Promise.reject(new CardRemovedError());
        const decision = injector.decide(() => card.process(apdu));
        if (decision.kind === 'answer') return Promise.resolve(decision.response);
        if (decision.kind === 'mute') return new Promise<Uint8Array>(() => undefined);
        this.remove();
        return Promise.reject(new CardRemovedError());
      },
    };
    this.inserted = { handle, card };
    this.notify();
    return handle;
  }

  remove(): void {
    if (this.inserted === undefined) return;
    this.inserted = undefined;
    this.notify();
  }

  /** The card now in the slot, if any (what main's virtual backend polls). */
  card(): InsertedCard | undefined {
    return this.inserted?.handle;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
