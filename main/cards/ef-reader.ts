import { AppError } from '../../shared/errors';
import { malformed, requireOk, SW_OK } from './apdu';
import { reachesPadding } from './tlv';
import type { ApduTransport } from './transport';

const CHUNK = 256;
/** Larger than any public Vitale file; stops a card that keeps returning full chunks. */
const MAX_EF_BYTES = 8 * 1024;
const SW_WRONG_OFFSET = 0x6b00;
const SW_END_OF_FILE = 0x6282;

/**
 * Reads a padded transparent EF by short file identifier: the first READ BINARY selects it
 * (P1 = 0x80 | SFI), later ones continue by offset. Stops at the padding, at a short chunk or
 * at the end of the file, so a small file costs one READ BINARY plus the `6Cxx` resend.
 */
export async function readShortEf(transport: ApduTransport, sfi: number, step: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const p1p2 = parts.length === 0 ? [0x80 | sfi, 0x00] : [(size >> 8) & 0x7f, size & 0xff];
    const response = await transport.send({ cla: 0x00, ins: 0xb0, p1: p1p2[0] ?? 0, p2: p1p2[1] ?? 0, le: CHUNK });
    if (response.sw === SW_WRONG_OFFSET && parts.length > 0) break;
    if (response.sw !== SW_OK && response.sw !== SW_END_OF_FILE) requireOk(response, step);
    if (response.data.length > CHUNK) throw malformed('read-binary-overflow');
    parts.push(response.data);
    size += response.data.length;
    if (size > MAX_EF_BYTES) throw new AppError('CARD_MALFORMED_RESPONSE', { details: { reason: 'ef-too-large' } });
    const whole = concat(parts, size);
    if (response.sw === SW_END_OF_FILE || response.data.length < CHUNK || reachesPadding(whole)) return whole;
  }
  return concat(parts, size);
}

export function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
