import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeCommand } from '../../../main/cards/apdu';
import type { CardChannel } from '../../../main/cards/channel';
import { identifyCard } from '../../../main/cards/registry';
import { ApduTransport } from '../../../main/cards/transport';
import { isAppError } from '../../../shared/errors';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

/** A scripted card: each exchange must match the expected command, then gets the canned answer. */
function script(steps: readonly [string, string][]): CardChannel & { sent: string[] } {
  const sent: string[] = [];
  let index = 0;
  return {
    atr: bytes('3B00'),
    sent,
    transmit: (apdu) => {
      sent.push(hex(apdu));
      const step = steps[index];
      index += 1;
      if (step === undefined) return Promise.reject(new Error('unexpected APDU'));
      expect(hex(apdu)).toBe(step[0].replace(/\s+/g, ''));
      return Promise.resolve(bytes(step[1]));
    },
  };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : 'untyped';
  }
}

describe('APDU transport (T=0)', () => {
  it('fetches 61xx answers with GET RESPONSE, following chained 61xx', async () => {
    const channel = script([
      ['00 A4 09 04 02 3F00', '61 04'],
      ['00 C0 00 00 04', '01 02 03 04 61 02'],
      ['00 C0 00 00 02', '05 06 90 00'],
    ]);
    const transport = new ApduTransport(channel);
    const response = await transport.send({ cla: 0, ins: 0xa4, p1: 9, p2: 4, data: bytes('3F00') });
    expect(hex(response.data)).toBe('010203040506');
    expect(response.sw).toBe(0x9000);
    expect(transport.apduCount).toBe(3);
  });

  it('resends with the corrected Le on 6Cxx, and 6C00 means 256', async () => {
    const transport = new ApduTransport(
      script([
        ['00 B0 82 00 00', '6C 03'],
        ['00 B0 82 00 03', 'AA BB CC 90 00'],
      ]),
    );
    expect(hex((await transport.send({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, le: 256 })).data)).toBe('AABBCC');
    const twice = new ApduTransport(
      script([
        ['00 B0 00 00 10', '6C 00'],
        ['00 B0 00 00 00', '6C 05'],
      ]),
    );
    expect(await code(twice.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16 }))).toBe('CARD_MALFORMED_RESPONSE');
  });

  it('types short answers, bad SW1, overflowing GET RESPONSE, hangs and thrown transport errors', async () => {
    const send = (channel: CardChannel, timeoutMs = 1000) =>
      new ApduTransport(channel, { timeoutMs }).send({ cla: 0, ins: 0xca, p1: 0, p2: 0, le: 1 });
    expect(await code(send(script([['00 CA 00 00 01', '90']])))).toBe('CARD_MALFORMED_RESPONSE');
    expect(await code(send(script([['00 CA 00 00 01', '01 02 00 00']])))).toBe('CARD_MALFORMED_RESPONSE');
    expect(
      await code(
        send(
          script([
            ['00 CA 00 00 01', '61 01'],
            ['00 C0 00 00 01', '01 02 90 00'],
          ]),
        ),
      ),
    ).toBe('CARD_MALFORMED_RESPONSE');
    const mute: CardChannel = { atr: bytes('3B00'), transmit: () => new Promise(() => undefined) };
    expect(await code(send(mute, 20))).toBe('CARD_TIMEOUT');
    const broken: CardChannel = { atr: bytes('3B00'), transmit: () => Promise.reject(new Error('boom')) };
    expect(await code(send(broken))).toBe('CARD_IO');
    // A card that never stops saying "more data" is cut off, not followed forever.
    const endless: CardChannel = {
      atr: bytes('3B00'),
      transmit: () => Promise.resolve(bytes(`${'00'.repeat(255)}61FF`)),
    };
    expect(await code(send(endless))).toBe('CARD_MALFORMED_RESPONSE');
  });

  it('wipes the buffer of a sensitive command after sending it', async () => {
    const apdu = bytes('00 20 00 01 04 31 32 33 34');
    const transport = new ApduTransport(script([['00 20 00 01 04 31 32 33 34', '63 C2']]));
    expect((await transport.sendSensitive(apdu)).sw).toBe(0x63c2);
    expect([...apdu].every((byte) => byte === 0)).toBe(true);
  });

  it('encodes the four short cases and splits responses', () => {
    expect(hex(encodeCommand({ cla: 0, ins: 0xa4, p1: 0, p2: 0x0c }))).toBe('00A4000C');
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }))).toBe('00B0000000');
    expect(hex(encodeCommand({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: bytes('0102'), le: 256 }))).toBe(
      '00880000020102',
    );
    expect(decodeResponse(bytes('0102 6A82'))).toEqual({ data: bytes('0102'), sw: 0x6a82 });
  });
});

describe('card registry by ATR', () => {
  it('recognises Vitale 2, exact CPS3, Vitale 1, and nothing else', () => {
    for (const nibble of ['3', '4', '5', '6', '7', '8', '9', 'B', 'C']) {
      expect(identifyCard(`3B751300004${nibble}09EA9000`)).toBe('vitale2');
    }
    expect(identifyCard('3B751300004A09EA9000')).toBe('unsupported');
    expect(identifyCard('3B751300004509FA9000')).toBe('vitale2');
    expect(identifyCard('3bac00402a001225006480000310009000')).toBe('cps3');
    // CPS3 is matched exactly, as the ANS Cryptolib does: a near miss is not a CPS3.
    expect(identifyCard('3BAC00402A001225006480000311009000')).toBe('unsupported');
    expect(identifyCard('3B9B188001001225006480040100009044')).toBe('unsupported');
    for (const atr of ['3F6525002209F99000', '3F652500 2C09699000', '3F65250052096A9000', '3F652500A3096A9000']) {
      expect(identifyCard(atr.replace(' ', ''))).toBe('vitale1');
    }
    expect(identifyCard('')).toBe('unsupported');
  });
});
