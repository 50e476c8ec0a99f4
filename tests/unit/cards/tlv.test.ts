import { describe, expect, it } from 'vitest';
import { parseTlv, reachesPadding } from '../../../main/cards/tlv';
import { isAppError } from '../../../shared/errors';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

function reason(fn: () => unknown): unknown {
  try {
    fn();
    return 'parsed';
  } catch (error) {
    return isAppError(error) ? [error.code, error.details?.['reason']] : 'untyped';
  }
}

describe('BER-TLV parser', () => {
  it('parses nested templates, multi-byte tags and long lengths', () => {
    expect(reason(() => parseTlv(bytes('70 0B BF8101 07 A0 05 9A0103 9B01')))).toEqual([
      'CARD_MALFORMED_RESPONSE',
      'tlv-truncated',
    ]);
    const parsed = parseTlv(bytes('70 0C BF8101 08 A0 06 9A0103 9B0102'));
    expect(parsed[0]?.tag).toBe(0x70);
    const inner = parsed[0]?.children[0];
    expect(inner?.tag).toBe(0xbf8101);
    expect(inner?.children[0]?.children.map((c) => [c.tag, [...c.value]])).toEqual([
      [0x9a, [3]],
      [0x9b, [2]],
    ]);
    const long = parseTlv(
      Uint8Array.of(
        0x80,
        0x81,
        0x90,
        ...new Uint8Array(0x90).fill(0x41),
        0x81,
        0x82,
        0x01,
        0x00,
        ...new Uint8Array(256),
      ),
    );
    expect(long.map((item) => item.value.length)).toEqual([0x90, 256]);
    expect(long[0]?.constructed).toBe(false);
  });

  it('stops at padding only when asked', () => {
    const padded = bytes('65 03 80 01 41 00 00 00');
    expect(parseTlv(padded, { padding: true })).toHaveLength(1);
    expect(reason(() => parseTlv(padded))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-truncated-length']);
    expect(reachesPadding(padded)).toBe(true);
    expect(reachesPadding(bytes('65 03 80 01 41'))).toBe(false);
    expect(reachesPadding(bytes('65 09 80 01'))).toBe(false);
  });

  it('refuses truncation, indefinite and oversized lengths, long tags and deep nesting', () => {
    expect(reason(() => parseTlv(bytes('80')))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-truncated-length']);
    expect(reason(() => parseTlv(bytes('80 05 41')))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-truncated']);
    expect(reason(() => parseTlv(bytes('80 80 00 00')))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-bad-length']);
    expect(reason(() => parseTlv(bytes('80 85 01 02 03 04 05')))).toEqual([
      'CARD_MALFORMED_RESPONSE',
      'tlv-bad-length',
    ]);
    expect(reason(() => parseTlv(bytes('80 82 01')))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-truncated-length']);
    expect(reason(() => parseTlv(bytes('9F')))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-truncated-tag']);
    expect(reason(() => parseTlv(bytes('BF 81 81 81 01 00')))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-tag-too-long']);
    let deep = bytes('80 00');
    for (let i = 0; i < 12; i += 1) deep = Uint8Array.of(0x65, deep.length, ...deep);
    expect(reason(() => parseTlv(deep))).toEqual(['CARD_MALFORMED_RESPONSE', 'tlv-too-deep']);
  });
});
