import { AppError } from '../../shared/errors';

/** ISO 7816-4 short APDUs only: every command of the Vitale 2 and CPS3 flows fits in 255 bytes. */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  /** Expected response length, 1..256 (256 is sent as 00). Omitted for case 1/3 commands. */
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

export const SW_OK = 0x9000;

/**
 * Encodes a command. A command with data never carries Le: over T=0 the card answers `61xx`
 * and the data comes with GET RESPONSE, which {@link ApduTransport} does.
 */
export function encodeCommand(command: CommandApdu): Uint8Array {
  const { data } = command;
  if (data !== undefined && data.length > 0) {
    if (data.length > 255) throw new AppError('INTERNAL_ERROR', { details: { reason: 'apdu-too-long' } });
    const out = new Uint8Array(5 + data.length);
    out.set([command.cla, command.ins, command.p1, command.p2, data.length]);
    out.set(data, 5);
    return out;
  }
  if (command.le === undefined) return Uint8Array.of(command.cla, command.ins, command.p1, command.p2);
  return Uint8Array.of(command.cla, command.ins, command.p1, command.p2, command.le & 0xff);
}

/** Splits data and status word; anything shorter than a status word, or a non-ISO SW1, is malformed. */
export function decodeResponse(raw: Uint8Array): ResponseApdu {
  if (raw.length < 2) throw malformed('response-too-short');
  const sw1 = raw[raw.length - 2] ?? 0;
  const sw2 = raw[raw.length - 1] ?? 0;
  // ISO 7816-4 only defines SW1 in 61..6F and 90..9F; anything else is line noise.
  if (!((sw1 >= 0x61 && sw1 <= 0x6f) || (sw1 >= 0x90 && sw1 <= 0x9f))) throw malformed('invalid-sw1');
  return { data: raw.subarray(0, raw.length - 2), sw: (sw1 << 8) | sw2 };
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function malformed(reason: string): AppError {
  return new AppError('CARD_MALFORMED_RESPONSE', { details: { reason } });
}

/** A status word the flow did not expect; the SW is a card state, never personal data. */
export function unexpectedStatus(sw: number, step: string): AppError {
  return new AppError('CARD_UNEXPECTED_STATUS', { details: { sw: swHex(sw), step } });
}

export function requireOk(response: ResponseApdu, step: string): Uint8Array {
  if (response.sw !== SW_OK) throw unexpectedStatus(response.sw, step);
  return response.data;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}
