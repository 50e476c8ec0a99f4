import { beforeAll, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../main/cards/channel';
import { readCertificate, readCpsHolder, readPinCounter, signWithCard, verifyPin } from '../../main/cards/cps-reader';
import { parseTlv } from '../../main/cards/tlv';
import { ApduTransport } from '../../main/cards/transport';
import { readVitaleBeneficiaries } from '../../main/cards/vitale-reader';
import { isAppError } from '../../shared/errors';
import { createDemoCards, type VirtualCard } from '../../simulators/cards';
import { cachedTestPki } from '../support/pcsc-virtual';
import { fuzz, int, mutateBytes, pick, type Random } from './support/fuzz';

type Flow = (transport: ApduTransport) => Promise<unknown>;

const VITALE_FLOWS: readonly Flow[] = [(t) => readVitaleBeneficiaries(t)];
const CPS_FLOWS: readonly Flow[] = [
  (t) => readCpsHolder(t),
  (t) => readPinCounter(t),
  (t) => verifyPin(t, '1234'),
  (t) => readCertificate(t, 'signature'),
  (t) => signWithCard(t, 'authentication', Uint8Array.of(1, 2, 3)),
];

const STATUS_WORDS = [0x9000, 0x6100, 0x6110, 0x61ff, 0x6c05, 0x63c1, 0x6983, 0x6982, 0x6a82, 0x6b00, 0x6282];

/** Random bytes, most of the time ending in a plausible status word. */
function randomAnswer(random: Random): Uint8Array {
  const data = Uint8Array.from({ length: int(random, 300) }, () => int(random, 256));
  if (data.length >= 2 && random() < 0.8) {
    const sw = pick(random, STATUS_WORDS);
    data[data.length - 2] = sw >> 8;
    data[data.length - 1] = sw & 0xff;
  }
  return data;
}

/** One flow of the card service against a card whose answers are corrupted; typed errors only. */
async function flowOutcome(flow: Flow, channel: CardChannel): Promise<string> {
  const transport = new ApduTransport(channel, { timeoutMs: 1_000 });
  try {
    await flow(transport);
    return 'read';
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A corrupted card never makes a flow loop: the exchange stays short.
    expect(transport.apduCount).toBeLessThan(200);
    return error.code;
  }
}

describe('card answers under fuzzing (parsers only, no PC/SC)', () => {
  let vitale: VirtualCard;
  let cps: VirtualCard;

  beforeAll(async () => {
    const demo = await createDemoCards({ pki: await cachedTestPki() });
    vitale = demo.vitale;
    cps = demo.cps;
  });

  it('reads TLV, Vitale and CPS answers, real ones mutated or random bytes, with typed errors only', async (context) => {
    await fuzz(context, {
      boundary: 'card answers (TLV, Vitale, CPS)',
      budgetMs: 4_000,
      run: async (random) => {
        const choice = random();
        if (choice < 0.3) {
          const bytes = Uint8Array.from({ length: int(random, 96) }, () => int(random, 256));
          try {
            parseTlv(bytes, { padding: random() < 0.5 });
            return 'tlv read';
          } catch (error) {
            if (isAppError(error) && error.code === 'CARD_MALFORMED_RESPONSE') return 'tlv refused';
            throw error;
          }
        }
        const onVitale = random() < 0.5;
        const card = onVitale ? vitale : cps;
        const flow = pick(random, onVitale ? VITALE_FLOWS : CPS_FLOWS);
        card.reset();
        const channel: CardChannel =
          choice < 0.5
            ? { atr: Uint8Array.of(0x3b), transmit: () => Promise.resolve(randomAnswer(random)) }
            : {
                atr: card.atr,
                transmit: (apdu) => {
                  const answer = card.process(apdu);
                  return Promise.resolve(random() < 0.3 ? mutateBytes(answer, random) : answer);
                },
              };
        return flowOutcome(flow, channel);
      },
    });
  });

  it('serves random and mutated commands on the virtual cards with a status word, never a throw', async (context) => {
    const commands = [
      Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x07, 0xa0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10),
      Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00),
      Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0x10),
      Uint8Array.of(0x00, 0x20, 0x00, 0x01, 0x08, 0x31, 0x32, 0x33, 0x34, 0xff, 0xff, 0xff, 0xff),
      Uint8Array.of(0x00, 0x2a, 0x9e, 0x9a, 0x03, 0x01, 0x02, 0x03, 0x00),
      Uint8Array.of(0x00, 0x88, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03, 0x00),
    ];
    await fuzz(context, {
      boundary: 'virtual cards (APDU commands)',
      budgetMs: 2_000,
      run: (random) => {
        const card = random() < 0.5 ? vitale : cps;
        if (random() < 0.05) card.reset();
        const apdu =
          random() < 0.3
            ? Uint8Array.from({ length: int(random, 270) }, () => int(random, 256))
            : mutateBytes(pick(random, commands), random);
        const answer = card.process(apdu);
        expect(answer.length).toBeGreaterThanOrEqual(2);
        return `sw ${(answer[answer.length - 2] ?? 0).toString(16)}xx`;
      },
    });
  });
});
