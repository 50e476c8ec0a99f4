/**
 * Fault hooks for tests: what a worn card, a flaky contact or a hurried hand does. The same
 * plan drives the in-process slot and the vpcd link, so a fault means the same thing on both.
 */
export interface FaultPlan {
  /** Pull the card when this many APDUs have been answered (the next one never is). */
  readonly removeAfter?: number;
  /** Rewrite the response to the APDU with this 1-based index. */
  readonly corrupt?: { readonly at: number; readonly response: (original: Uint8Array) => Uint8Array };
  /** Answer every APDU from this 1-based index on with this status word. */
  readonly statusFrom?: { readonly at: number; readonly sw: number };
  /** Stop answering from this 1-based index on (the card is mute, nothing is sent back). */
  readonly muteFrom?: number;
}

export type FaultDecision =
  { readonly kind: 'answer'; readonly response: Uint8Array } | { readonly kind: 'remove' } | { readonly kind: 'mute' };

export class FaultInjector {
  private count = 0;

  constructor(private readonly plan: FaultPlan = {}) {}

  get apdus(): number {
    return this.count;
  }

  decide(answer: () => Uint8Array): FaultDecision {
    const { removeAfter, corrupt, statusFrom, muteFrom } = this.plan;
    if (removeAfter !== undefined && this.count >= removeAfter) return { kind: 'remove' };
    this.count += 1;
    if (muteFrom !== undefined && this.count >= muteFrom) return { kind: 'mute' };
    if (statusFrom !== undefined && this.count >= statusFrom.at) {
      return { kind: 'answer', response: Uint8Array.of(statusFrom.sw >> 8, statusFrom.sw & 0xff) };
    }
    const response = answer();
    if (corrupt !== undefined && corrupt.at === this.count)
      return { kind: 'answer', response: corrupt.response(response) };
    return { kind: 'answer', response };
  }
}
