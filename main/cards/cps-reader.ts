import { createHash } from 'node:crypto';
import type { CpsHolder, NationalIdType, PinState } from '../../shared/domain/cards';
import { AppError } from '../../shared/errors';
import { malformed, requireOk, SW_OK, unexpectedStatus } from './apdu';
import { concat } from './ef-reader';
import { findTag, parseTlv } from './tlv';
import type { ApduTransport } from './transport';

/**
 * CPS3 (IAS-ECC) over its contact interface, from spec cards-and-ins §2. Public facts used as
 * such: the PKCS#15 AID, select styles, GET DATA on the PIN SDO (tags 9A max / 9B left),
 * VERIFY, MSE SET + PSO CDS, INTERNAL AUTHENTICATE, `63Cx` / `6983`.
 *
 * Not public ([P] in the spec), so fixed here as the project's convention and mirrored by the
 * virtual card [I]: the holder object lives in EF 3F00/0001/D002 as
 * `A0 { 80 type IdNat, 81 IdNat, 82 nom, 83 prénom, 84 profession, 85 spécialité? }`;
 * the PIN is reference 01, sent as 4 ASCII digits; the keys are 81 (CPS_PRIV_AUT) and
 * 82 (CPS_PRIV_SIG), algorithm reference 42 (RSA PKCS#1 v1.5 with SHA-256); the certificates are
 * EF C001 (authentication) and C002 (signature) of the PKCS#15 application.
 */

export const CPS_PKCS15_AID = Uint8Array.from(Buffer.from('E828BD080F8025000001FF0010', 'hex'));
const PATH_HOLDER = Uint8Array.from([0x3f, 0x00, 0x00, 0x01, 0xd0, 0x02]);
const MF = Uint8Array.from([0x3f, 0x00]);
const PIN_REFERENCE = 0x01;
const PIN_LENGTH = 4;
const KEY_AUTH = 0x81;
const KEY_SIGN = 0x82;
const ALG_RSA_SHA256 = 0x42;
const FID_CERT_AUTH = Uint8Array.from([0xc0, 0x01]);
const FID_CERT_SIGN = Uint8Array.from([0xc0, 0x02]);
/** The Cryptolib's `max_recv_size` for CPS3. */
const READ_CHUNK = 0xe7;
const MAX_CERT_BYTES = 4096;
const SIGNATURE_BYTES = 256;

const SW_SECURITY_NOT_SATISFIED = 0x6982;
const SW_PIN_BLOCKED = 0x6983;

/** DER prefix of DigestInfo { sha256, NULL } (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

const ID_TYPES: ReadonlySet<string> = new Set(['0', '1', '3', '4', '5', '6', '8']);
const latin1 = new TextDecoder('latin1');

export type KeyRole = 'authentication' | 'signature';

export async function readCpsHolder(transport: ApduTransport): Promise<CpsHolder> {
  requireOk(await transport.send({ cla: 0x00, ins: 0xa4, p1: 0x09, p2: 0x0c, data: PATH_HOLDER }), 'select-holder');
  const file = await readWholeEf(transport, 'read-holder');
  const template = findTag(parseTlv(file, { padding: true }), 0xa0);
  if (template === undefined || !template.constructed) throw malformed('cps-holder-template');
  const field = (tag: number): string | undefined => {
    const item = findTag(template.children, tag);
    if (item === undefined) return undefined;
    if (item.constructed || item.value.length > 64) throw malformed('cps-holder-field');
    const value = latin1.decode(item.value).trimEnd();
    // eslint-disable-next-line no-control-regex -- rejecting control bytes is the point.
    if (/[\u0000-\u001f\u007f]/.test(value)) throw malformed('cps-holder-charset');
    return value;
  };
  const idType = field(0x80);
  const nationalId = field(0x81);
  const lastName = field(0x82);
  const firstName = field(0x83);
  const profession = field(0x84);
  const specialty = field(0x85);
  if (idType === undefined || !ID_TYPES.has(idType)) throw malformed('cps-id-type');
  if (nationalId === undefined || !/^[0-9A-Z]{2,30}$/.test(nationalId) || !nationalId.startsWith(idType)) {
    throw malformed('cps-national-id');
  }
  if (lastName === undefined || lastName === '' || firstName === undefined) throw malformed('cps-holder-name');
  if (profession === undefined || !/^[0-9A-Z]{1,8}$/.test(profession)) throw malformed('cps-profession');
  if (specialty !== undefined && !/^[0-9A-Z]{1,8}$/.test(specialty)) throw malformed('cps-specialty');
  return {
    nationalId,
    nationalIdType: idType as NationalIdType,
    lastName,
    firstName,
    profession,
    ...(specialty === undefined ? {} : { specialty }),
  };
}

/** PIN counters from the SDO (GET DATA), without presenting anything. `verified` is the caller's to know. */
export async function readPinCounter(transport: ApduTransport): Promise<Omit<PinState, 'verified'>> {
  requireOk(await transport.send({ cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x0c, data: MF }), 'select-mf');
  const query = Uint8Array.of(0x4d, 0x08, 0x70, 0x06, 0xbf, 0x81, PIN_REFERENCE, 0x02, 0xa0, 0x80);
  const data = requireOk(await transport.send({ cla: 0x00, ins: 0xcb, p1: 0x3f, p2: 0xff, data: query }), 'pin-info');
  const sdo = findTag(findTag(parseTlv(data), 0x70)?.children ?? [], 0xbf8100 + PIN_REFERENCE);
  const attributes = findTag(sdo?.children ?? [], 0xa0);
  const max = findTag(attributes?.children ?? [], 0x9a)?.value;
  const left = findTag(attributes?.children ?? [], 0x9b)?.value;
  if (max?.length !== 1 || left?.length !== 1) throw malformed('pin-info');
  const maxTries = max[0] ?? 0;
  const triesLeft = left[0] ?? 0;
  if (maxTries === 0 || maxTries > 15 || triesLeft > maxTries) throw malformed('pin-info-range');
  return { maxTries, triesLeft };
}

/**
 * Presents the PIN. The APDU buffer holding it is wiped right after the exchange, and the
 * digits never reach a log or an error. Rejects with PIN_WRONG (`triesLeft`) or PIN_BLOCKED.
 */
export async function verifyPin(transport: ApduTransport, pin: string): Promise<void> {
  if (pin.length !== PIN_LENGTH || !/^[0-9]+$/.test(pin)) throw new AppError('PIN_FORMAT');
  const apdu = new Uint8Array(5 + PIN_LENGTH);
  apdu.set([0x00, 0x20, 0x00, PIN_REFERENCE, PIN_LENGTH]);
  for (let i = 0; i < PIN_LENGTH; i += 1) apdu[5 + i] = pin.charCodeAt(i);
  const response = await transport.sendSensitive(apdu);
  if (response.sw === SW_OK) return;
  if (response.sw === SW_PIN_BLOCKED) throw new AppError('PIN_BLOCKED');
  if (response.sw >> 4 === 0x63c) {
    const triesLeft = response.sw & 0x0f;
    if (triesLeft === 0) throw new AppError('PIN_BLOCKED');
    throw new AppError('PIN_WRONG', { details: { triesLeft } });
  }
  throw unexpectedStatus(response.sw, 'verify-pin');
}

export async function readCertificate(transport: ApduTransport, role: KeyRole): Promise<Uint8Array> {
  await selectApplication(transport);
  const fid = role === 'signature' ? FID_CERT_SIGN : FID_CERT_AUTH;
  const fcp = requireOk(
    await transport.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x04, data: fid }),
    'select-certificate',
  );
  const sizeBytes = findTag(findTag(parseTlv(fcp), 0x62)?.children ?? [], 0x80)?.value;
  if (sizeBytes === undefined || sizeBytes.length === 0 || sizeBytes.length > 2) throw malformed('fcp-size');
  const size = sizeBytes.reduce((acc, byte) => acc * 256 + byte, 0);
  if (size === 0 || size > MAX_CERT_BYTES) throw malformed('certificate-size');
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < size; offset += READ_CHUNK) {
    const le = Math.min(READ_CHUNK, size - offset);
    const chunk = requireOk(
      await transport.send({ cla: 0x00, ins: 0xb0, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, le }),
      'read-certificate',
    );
    if (chunk.length !== le) throw malformed('certificate-chunk');
    parts.push(chunk);
  }
  const der = concat(parts, size);
  // A DER certificate is one SEQUENCE spanning the whole file.
  if (der[0] !== 0x30 || parseTlv(der).length !== 1) throw malformed('certificate-der');
  return der;
}

/**
 * PKCS#1 v1.5 signature of SHA-256(`data`) by the card. The signature key goes through
 * MSE SET (B6) + PSO COMPUTE DIGITAL SIGNATURE with the hash; the authentication key through
 * MSE SET (A4) + INTERNAL AUTHENTICATE with the DigestInfo. Without a verified PIN the card
 * answers `6982`, surfaced as PIN_REQUIRED.
 */
export async function signWithCard(transport: ApduTransport, role: KeyRole, data: Uint8Array): Promise<Uint8Array> {
  await selectApplication(transport);
  const digest = createHash('sha256').update(data).digest();
  const crt = role === 'signature' ? 0xb6 : 0xa4;
  const key = role === 'signature' ? KEY_SIGN : KEY_AUTH;
  const mse = Uint8Array.of(0x80, 0x01, ALG_RSA_SHA256, 0x84, 0x01, key);
  expectSecurity(await transport.send({ cla: 0x00, ins: 0x22, p1: 0x41, p2: crt, data: mse }), 'mse-set');
  const response =
    role === 'signature'
      ? await transport.send({ cla: 0x00, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: digest })
      : await transport.send({
          cla: 0x00,
          ins: 0x88,
          p1: 0x00,
          p2: 0x00,
          data: Buffer.concat([SHA256_DIGEST_INFO, digest]),
        });
  const signature = expectSecurity(response, role === 'signature' ? 'pso-cds' : 'internal-authenticate');
  if (signature.length !== SIGNATURE_BYTES) throw malformed('signature-length');
  return signature;
}

function expectSecurity(response: { data: Uint8Array; sw: number }, step: string): Uint8Array {
  if (response.sw === SW_SECURITY_NOT_SATISFIED) throw new AppError('PIN_REQUIRED');
  if (response.sw === SW_PIN_BLOCKED) throw new AppError('PIN_BLOCKED');
  return requireOk(response, step);
}

async function selectApplication(transport: ApduTransport): Promise<void> {
  requireOk(await transport.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: CPS_PKCS15_AID }), 'select-pkcs15');
}

/** Reads a small EF completely: READ BINARY with Le=256, the card corrects with `6Cxx` when shorter. */
async function readWholeEf(transport: ApduTransport, step: string): Promise<Uint8Array> {
  return requireOk(await transport.send({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 256 }), step);
}
