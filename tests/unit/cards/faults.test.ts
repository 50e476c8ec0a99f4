import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../simulators/cards';

/** The virtual cards' fault plans (simulators/cards/faults.ts), as the vpcd link applies them. */
describe('virtual card faults', () => {
  const answer = () => Uint8Array.of(0x90, 0x00);

  it('freezes a card on a reset once it has answered an APDU, and only then', () => {
    const injector = new FaultInjector({ muteOnReset: true });
    // pcscd resets a fresh card while bringing it up: that one comes back.
    expect(injector.decideReset()).toBe('answer');
    expect(injector.muted).toBe(false);
    expect(injector.decide(answer)).toEqual({ kind: 'answer', response: Uint8Array.of(0x90, 0x00) });
    expect(injector.decideReset()).toBe('mute');
    expect(injector.muted).toBe(true);
    expect(injector.decide(answer)).toEqual({ kind: 'mute' });
    expect(injector.decideReset()).toBe('mute');
  });

  it('never freezes a card without the fault', () => {
    const injector = new FaultInjector({ muteFrom: 5 });
    injector.decide(answer);
    expect(injector.decideReset()).toBe('answer');
    expect(injector.muted).toBe(false);
    expect(injector.decide(answer).kind).toBe('answer');
  });
});
