import { malformed } from './apdu';

/**
 * BER-TLV as ISO 7816-4 uses it: tags of 1 to 3 bytes, definite lengths of 1 to 4 bytes
 * (no indefinite form), constructed values parsed recursively. Card data is untrusted input:
 * every length is bounds-checked and nesting is capped, and any fault is CARD_MALFORMED_RESPONSE.
 */
export interface Tlv {
  /** Tag bytes as one number, e.g. 0x65, 0x5f20, 0xbf8101. */
  readonly tag: number;
  readonly constructed: boolean;
  readonly value: Uint8Array;
  /** Parsed children of a constructed value. */
  readonly children: readonly Tlv[];
}

const MAX_DEPTH = 8;
const MAX_TAG_BYTES = 3;

export interface ParseOptions {
  /**
   * Stop at a `00` or `FF` byte where a tag should start: files on the card are fixed-size and
   * padded after the last object (the Vitale identity file ends with `00`s).
   */
  readonly padding?: boolean;
}

export function parseTlv(bytes: Uint8Array, options: ParseOptions = {}): Tlv[] {
  return parseLevel(bytes, 0, options.padding === true);
}

function parseLevel(bytes: Uint8Array, depth: number, padding: boolean): Tlv[] {
  if (depth > MAX_DEPTH) throw malformed('tlv-too-deep');
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const first = bytes[offset] ?? 0;
    if (padding && (first === 0x00 || first === 0xff)) break;
    const { tag, next: afterTag } = readTag(bytes, offset);
    const { length, next: valueStart } = readLength(bytes, afterTag);
    const valueEnd = valueStart + length;
    if (valueEnd > bytes.length) throw malformed('tlv-truncated');
    const value = bytes.subarray(valueStart, valueEnd);
    const constructed = (first & 0x20) !== 0;
    out.push({ tag, constructed, value, children: constructed ? parseLevel(value, depth + 1, false) : [] });
    offset = valueEnd;
  }
  return out;
}

function readTag(bytes: Uint8Array, start: number): { tag: number; next: number } {
  const first = bytes[start] ?? 0;
  let tag = first;
  let offset = start + 1;
  if ((first & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      if (offset >= bytes.length) throw malformed('tlv-truncated-tag');
      if (offset - start >= MAX_TAG_BYTES) throw malformed('tlv-tag-too-long');
      const byte = bytes[offset] ?? 0;
      tag = tag * 256 + byte;
      more = (byte & 0x80) !== 0;
      offset += 1;
    }
  }
  return { tag, next: offset };
}

function readLength(bytes: Uint8Array, start: number): { length: number; next: number } {
  if (start >= bytes.length) throw malformed('tlv-truncated-length');
  const first = bytes[start] ?? 0;
  if (first < 0x80) return { length: first, next: start + 1 };
  const count = first & 0x7f;
  // 0x80 is BER's indefinite form, which ISO 7816 forbids; more than 4 bytes cannot be a real file.
  if (count === 0 || count > 4) throw malformed('tlv-bad-length');
  if (start + 1 + count > bytes.length) throw malformed('tlv-truncated-length');
  let length = 0;
  for (let i = 1; i <= count; i += 1) length = length * 256 + (bytes[start + i] ?? 0);
  return { length, next: start + 1 + count };
}

/** First child with `tag`, or undefined. */
export function findTag(items: readonly Tlv[], tag: number): Tlv | undefined {
  return items.find((item) => item.tag === tag);
}

/**
 * Whether `bytes` (the start of a padded file) already holds every object: true once padding
 * is reached, false while the data may continue (ends on an object boundary or mid-object).
 */
export function reachesPadding(bytes: Uint8Array): boolean {
  let offset = 0;
  while (offset < bytes.length) {
    const first = bytes[offset] ?? 0;
    if (first === 0x00 || first === 0xff) return true;
    try {
      const { next: afterTag } = readTag(bytes, offset);
      const { length, next } = readLength(bytes, afterTag);
      offset = next + length;
    } catch {
      return false;
    }
  }
  return false;
}
