import type { CardServiceState } from '../../shared/domain/cards';
import type { CardChannel } from './channel';

export interface ReaderSnapshot {
  readonly name: string;
  /** ATR of the card in the reader, absent when empty. */
  readonly atr?: Uint8Array;
}

/**
 * Where readers come from: pcscd (production) or in-process virtual readers (training mode).
 * The card service only sees this, so both paths share every byte of card logic.
 */
export interface ReaderBackend {
  readonly kind: 'pcsc' | 'virtual';
  start(): void;
  stop(): Promise<void>;
  service(): CardServiceState;
  readers(): readonly ReaderSnapshot[];
  /**
   * A channel to the card now in `reader`. Rejects with PCSC_UNAVAILABLE, CARD_READER_NOT_FOUND
   * or CARD_ABSENT. The channel is bound to this insertion: once the card is pulled, every
   * transmit fails with CARD_REMOVED, even if another card is inserted meanwhile.
   */
  channel(reader: string): CardChannel;
  /** Readers, cards or service state changed. */
  onChange(listener: () => void): () => void;
}
