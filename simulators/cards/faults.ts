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
  /**
   * Once it has answered an APDU, the card does not come back from a reset (what a disconnect with
   * SCARD_RESET_CARD makes vpcd send): the ATR request that follows and everything after it go
   * unanswered. Over vpcd only: an in-process slot has no reset.
   */
  readonly muteOnReset?: boolean;
}

export type FaultDecision =
  { readonly kind: 'answer'; readonly response: Uint8Array } | { readonly kind: 'remove' } | { readonly kind: 'mute' };

export class FaultInjector {
  private count = 0;
  private frozen = false;

  constructor(private readonly plan: FaultPlan = {}) {}

  get apdus(): number {
    return this.count;
  }

  /** True once the card froze (see FaultPlan.muteOnReset): it answers nothing any more. */
  get muted(): boolean {
    return this.frozen;
  }

  /** A reset: carried out, unless the plan makes the card mute from here on. */
  decideReset(): 'answer' | 'mute' {
    if (this.plan.muteOnReset === true && this.count > 0) this.frozen = true;
    return this.frozen ? 'mute' : 'answer';
  }

  decide(answer: () => Uint8Array): FaultDecision {
    const { removeAfter, corrupt, statusFrom, muteFrom } = this.plan;
    if (this.frozen) return { kind: 'mute' };
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
