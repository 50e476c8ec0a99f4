/**
 * The one seam between card logic and whatever carries the bytes: PC/SC through pcscd in
 * production, in-process virtual cards in training mode and unit tests. Everything above
 * (T=0 handling, TLV, the Vitale and CPS readers) works on this interface only.
 */
export interface CardChannel {
  /** Answer-To-Reset of the card currently in the reader. */
  readonly atr: Uint8Array;
  /**
   * One command APDU in, the raw response (data + SW1 SW2) out. Rejects with an AppError:
   * CARD_REMOVED when the card went away, CARD_IO / PCSC_UNAVAILABLE for the transport.
   */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}
