import { beforeAll, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../main/cards/channel';
import {
  readCertificate,
  readCpsHolder,
  readPinCounter,
  signWithCard,
  verifyPin,
} from '../../../main/cards/cps-reader';
import { parseTlv } from '../../../main/cards/tlv';
import { ApduTransport } from '../../../main/cards/transport';
import { readVitaleBeneficiaries } from '../../../main/cards/vitale-reader';
import { isAppError } from '../../../shared/errors';
import { createDemoCards, type VirtualCard } from '../../../simulators/cards';
import { cachedTestPki } from '../../support/pcsc-virtual';

/** Deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SWS = [0x9000, 0x6100, 0x6110, 0x61ff, 0x6c00, 0x6c05, 0x63c1, 0x63c0, 0x6983, 0x6982, 0x6a82, 0x6b00, 0x6282];

function randomAnswer(random: () => number): Uint8Array {
  const roll = random();
  const length = roll < 0.1 ? Math.floor(random() * 2) : Math.floor(random() * 300);
  const data = Uint8Array.from({ length }, () => Math.floor(random() * 256));
  if (length >= 2 && random() < 0.8) {
    const sw = SWS[Math.floor(random() * SWS.length)] ?? 0x9000;
    data[length - 2] = sw >> 8;
    data[length - 1] = sw & 0xff;
  }
  return data;
}

/** Real card answers with one mutation: a flipped byte, a cut, or garbage appended. */
function mutate(answer: Uint8Array, random: () => number): Uint8Array {
  if (random() < 0.6 || answer.length === 0) return answer;
  const copy = Uint8Array.from(answer);
  const choice = random();
  if (choice < 0.5) {
    copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    return copy;
  }
  if (choice < 0.8) return copy.subarray(0, Math.floor(random() * copy.length));
  return Uint8Array.of(
    ...copy,
    ...Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * 256)),
  );
}

type Flow = (transport: ApduTransport) => Promise<unknown>;

const FLOWS: readonly Flow[] = [
  (t) => readVitaleBeneficiaries(t),
  (t) => readCpsHolder(t),
  (t) => readPinCounter(t),
  (t) => verifyPin(t, '1234'),
  (t) => readCertificate(t, 'signature'),
  (t) => signWithCard(t, 'authentication', Uint8Array.of(1, 2, 3)),
];

async function outcome(flow: Flow, channel: CardChannel): Promise<string> {
  const transport = new ApduTransport(channel, { timeoutMs: 1_000 });
  try {
    await flow(transport);
    return 'ok';
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(transport.apduCount).toBeLessThan(200);
    return error.code;
  }
}

describe('card parsers under fuzzing', () => {
  let cards: VirtualCard[];

  beforeAll(async () => {
    const demo = await createDemoCards({ pki: await cachedTestPki() });
    cards = [demo.vitale, demo.cps];
  });

  it('answers random byte strings with typed errors only (3000 flows)', async () => {
    const codes = new Map<string, number>();
    for (let seed = 1; seed <= 3000; seed += 1) {
      const random = prng(seed);
      const channel: CardChannel = {
        atr: Uint8Array.of(0x3b),
        transmit: () => Promise.resolve(randomAnswer(random)),
      };
      const code = await outcome(FLOWS[seed % FLOWS.length]!, channel);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(codes.get('CARD_MALFORMED_RESPONSE')).toBeGreaterThan(100);
    expect(codes.get('CARD_UNEXPECTED_STATUS')).toBeGreaterThan(100);
  });

  it('answers mutated real card answers with typed errors only (3000 flows)', async () => {
    let succeeded = 0;
    for (let seed = 1; seed <= 3000; seed += 1) {
      const random = prng(seed * 7919);
      const card = cards[seed % 2]!;
      card.reset();
      const channel: CardChannel = {
        atr: card.atr,
        transmit: (apdu) => Promise.resolve(mutate(card.process(apdu), random)),
      };
      const flow = seed % 2 === 0 ? FLOWS[0]! : FLOWS[1 + (Math.floor(seed / 2) % 5)]!;
      if ((await outcome(flow, channel)) === 'ok') succeeded += 1;
    }
    // Some mutations are harmless (a changed name letter): the flows must still complete then.
    expect(succeeded).toBeGreaterThan(100);
  });

  it('parses 10000 random buffers as TLV without anything but typed errors', () => {
    const random = prng(42);
    for (let i = 0; i < 10_000; i += 1) {
      const buffer = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      try {
        parseTlv(buffer, { padding: i % 2 === 0 });
      } catch (error) {
        expect(isAppError(error) && error.code === 'CARD_MALFORMED_RESPONSE').toBe(true);
      }
    }
  });
});
