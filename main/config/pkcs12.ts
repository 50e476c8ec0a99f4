import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  pbkdf2Sync,
  timingSafeEqual,
  X509Certificate,
} from 'node:crypto';
import {
  AuthenticatedSafe,
  CertBag,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
  PFX,
  SafeContents,
} from '@peculiar/asn1-pfx';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';
import { AppError } from '../../shared/errors';

/**
 * Reads an establishment's PKCS#12 file (the IGC-Santé ORG-AUTH_CLI or ORG-SIGN credential IT
 * receives as .p12) into the PEM pair TLS and the software signer take.
 *
 * The structure is parsed by libraries (@peculiar/asn1-pfx for the PFX, its bags and the
 * authenticated safe; asn1js for the few inner sequences it has no class for); only the
 * password-based cryptography, which those parsers do not do, is written here on node:crypto:
 * the MAC check (RFC 7292 B.2 key derivation), PBES2 (PBKDF2 + AES/3DES-CBC: OpenSSL 3's
 * default) and the legacy pbeWithSHAAnd3-KeyTripleDES-CBC still found in older exports.
 * RC2/RC4-based files are refused with CERT_UNSUPPORTED_ENCRYPTION (OpenSSL 3 dropped them).
 *
 * Errors carry no password, no key and no file content.
 */

export interface Pkcs12Credential {
  readonly certPem: string;
  /** PKCS#8 PEM of the key matching `certPem`. */
  readonly keyPem: string;
  /** The other certificates of the file (the issuing chain), PEM. */
  readonly chainPem: readonly string[];
  readonly certificate: X509Certificate;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha3Des: '1.2.840.113549.1.12.1.3',
} as const;

const DIGESTS: Readonly<Record<string, { name: string; blockSize: number }>> = {
  '1.3.14.3.2.26': { name: 'sha1', blockSize: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', blockSize: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', blockSize: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', blockSize: 128 },
};
const HMACS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Readonly<Record<string, { name: string; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

const notPkcs12 = (reason: string): AppError => new AppError('CERT_NOT_PKCS12', { details: { reason } });
const unsupported = (algorithm: string): AppError =>
  new AppError('CERT_UNSUPPORTED_ENCRYPTION', { details: { algorithm } });
const wrongPassword = (): AppError => new AppError('CERT_WRONG_PASSWORD');

const bytes = (value: ArrayBuffer | ArrayBufferView): Buffer =>
  value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

function parseBer(data: ArrayBuffer | Buffer): asn1js.AsnType {
  const buffer =
    data instanceof ArrayBuffer ? data : bytes(data).buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const parsed = asn1js.fromBER(buffer as ArrayBuffer);
  if (parsed.offset === -1) throw notPkcs12('ber');
  return parsed.result;
}

function sequenceItems(node: asn1js.AsnType | undefined): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) throw notPkcs12('structure');
  return node.valueBlock.value;
}

function oidOf(node: asn1js.AsnType | undefined): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw notPkcs12('structure');
  return node.valueBlock.toString();
}

function octetsOf(node: asn1js.AsnType | undefined): Buffer {
  if (!(node instanceof asn1js.OctetString)) throw notPkcs12('structure');
  // A constructed OCTET STRING (BER) is the concatenation of its parts.
  if (node.valueBlock.isConstructed) {
    return Buffer.concat(node.valueBlock.value.map((part) => octetsOf(part)));
  }
  return bytes(node.valueBlock.valueHexView);
}

function integerOf(node: asn1js.AsnType | undefined): number {
  if (!(node instanceof asn1js.Integer)) throw notPkcs12('structure');
  const value = node.valueBlock.valueDec;
  if (!Number.isSafeInteger(value) || value < 1 || value > 10_000_000) throw notPkcs12('iterations');
  return value;
}

/** RFC 7292 appendix B.2: the PKCS#12 key derivation (MAC key, legacy PBE key and IV). */
export function pkcs12Kdf(
  digest: { name: string; blockSize: number },
  password: Buffer,
  salt: Buffer,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
): Buffer {
  const v = digest.blockSize;
  const repeat = (source: Buffer): Buffer => {
    if (source.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(source.length / v));
    for (let i = 0; i < out.length; i += 1) out[i] = source[i % source.length] ?? 0;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([repeat(salt), repeat(password)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let A = createHash(digest.name).update(D).update(I).digest();
    for (let i = 1; i < iterations; i += 1) A = createHash(digest.name).update(A).digest();
    out.push(A);
    produced += A.length;
    if (produced >= length) break;
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i += 1) B[i] = A[i % A.length] ?? 0;
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = (I[j + k] ?? 0) + (B[k] ?? 0) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

/** PKCS#12's own password encoding for its KDF: BMPString (UTF-16BE) with a terminating NUL. */
function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i += 1) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

function decipher(name: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  try {
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    // Bad padding is what a wrong password looks like when the file has no MAC to tell first.
    throw wrongPassword();
  }
}

/** Decrypts one password-based encrypted blob (an EncryptedData's content or a shrouded key). */
function decryptPbe(algorithm: asn1js.AsnType | undefined, data: Buffer, password: string): Buffer {
  const [oidNode, params] = sequenceItems(algorithm);
  const oid = oidOf(oidNode);
  if (oid === OID.pbes2) {
    const [kdf, scheme] = sequenceItems(params);
    const [kdfOid, kdfParams] = sequenceItems(kdf);
    if (oidOf(kdfOid) !== OID.pbkdf2) throw unsupported(oidOf(kdfOid));
    const kdfItems = sequenceItems(kdfParams);
    const salt = octetsOf(kdfItems[0]);
    const iterations = integerOf(kdfItems[1]);
    const prfNode = kdfItems.slice(2).find((item) => item instanceof asn1js.Sequence);
    const prf = prfNode === undefined ? 'sha1' : HMACS[oidOf(sequenceItems(prfNode)[0])];
    if (prf === undefined) throw unsupported('prf');
    const [cipherOid, ivNode] = sequenceItems(scheme);
    const cipher = CIPHERS[oidOf(cipherOid)];
    if (cipher === undefined) throw unsupported(oidOf(cipherOid));
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    return decipher(cipher.name, key, octetsOf(ivNode), data);
  }
  if (oid === OID.pbeSha3Des) {
    const [saltNode, iterNode] = sequenceItems(params);
    const salt = octetsOf(saltNode);
    const iterations = integerOf(iterNode);
    const sha1 = { name: 'sha1', blockSize: 64 };
    const pwd = bmpPassword(password);
    const key = pkcs12Kdf(sha1, pwd, salt, 1, iterations, 24);
    const iv = pkcs12Kdf(sha1, pwd, salt, 2, iterations, 8);
    return decipher('des-ede3-cbc', key, iv, data);
  }
  throw unsupported(oid);
}

function verifyMac(pfx: PFX, authSafeData: Buffer, password: string): void {
  const mac = pfx.macData;
  const digest = DIGESTS[mac.mac.digestAlgorithm.algorithm];
  if (digest === undefined) throw unsupported(mac.mac.digestAlgorithm.algorithm);
  const salt = bytes(mac.macSalt.buffer);
  const key = pkcs12Kdf(
    digest,
    bmpPassword(password),
    salt,
    3,
    mac.iterations,
    createHash(digest.name).digest().length,
  );
  const expected = createHmac(digest.name, key).update(authSafeData).digest();
  const actual = bytes(mac.mac.digest.buffer);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw wrongPassword();
}

/** Reads `data` (DER PKCS#12) with `password`. Throws CERT_* AppErrors, never anything with content. */
export function readPkcs12(data: Uint8Array, password: string): Pkcs12Credential {
  let pfx: PFX;
  let authSafeData: Buffer;
  let contents: AuthenticatedSafe;
  try {
    pfx = AsnConvert.parse(bytes(data), PFX);
    if (pfx.authSafe.contentType !== OID.data) throw notPkcs12('public_key_integrity');
    authSafeData = bytes(AsnConvert.parse(pfx.authSafe.content, OctetString).buffer);
    contents = AsnConvert.parse(authSafeData, AuthenticatedSafe);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notPkcs12('der');
  }
  // The parser fills an absent (optional) MacData with an empty one: a MAC has an algorithm.
  const hasMac = (pfx.macData as PFX['macData'] | undefined)?.mac.digestAlgorithm.algorithm !== '';
  if (hasMac) verifyMac(pfx, authSafeData, password);

  const certs: Buffer[] = [];
  const keys: Buffer[] = [];
  for (const info of contents) {
    let safeContentsDer: Buffer;
    if (info.contentType === OID.data) {
      safeContentsDer = bytes(AsnConvert.parse(info.content, OctetString).buffer);
    } else if (info.contentType === OID.encryptedData) {
      // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }
      const [, encryptedContentInfo] = sequenceItems(parseBer(bytes(info.content)));
      const [, algorithm, content] = sequenceItems(encryptedContentInfo);
      if (content === undefined) throw notPkcs12('empty');
      const encrypted = content.idBlock.isConstructed
        ? Buffer.concat((content as asn1js.Constructed).valueBlock.value.map((part) => octetsOf(part)))
        : bytes((content as asn1js.Primitive).valueBlock.valueHexView);
      safeContentsDer = decryptPbe(algorithm, encrypted, password);
    } else {
      throw unsupported(info.contentType);
    }
    let bags: SafeContents;
    try {
      bags = AsnConvert.parse(safeContentsDer, SafeContents);
    } catch {
      // Without a MAC, a wrong password can decrypt to well-padded garbage.
      throw !hasMac ? wrongPassword() : notPkcs12('bags');
    }
    for (const bag of bags) {
      if (bag.bagId === id_certBag) {
        const certBag = AsnConvert.parse(bag.bagValue, CertBag);
        if (certBag.certId === id_x509Certificate) {
          certs.push(bytes(AsnConvert.parse(certBag.certValue, OctetString).buffer));
        }
      } else if (bag.bagId === id_keyBag) {
        keys.push(bytes(bag.bagValue));
      } else if (bag.bagId === id_pkcs8ShroudedKeyBag) {
        const [algorithm, encrypted] = sequenceItems(parseBer(bytes(bag.bagValue)));
        keys.push(decryptPbe(algorithm, octetsOf(encrypted), password));
      }
    }
  }

  if (keys.length === 0) throw new AppError('CERT_NO_KEY', { details: { reason: 'no_key' } });
  const certificates = certs.map((der) => {
    try {
      return new X509Certificate(der);
    } catch {
      throw notPkcs12('certificate');
    }
  });
  for (const keyDer of keys) {
    let key;
    try {
      key = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
    } catch {
      throw !hasMac ? wrongPassword() : notPkcs12('key');
    }
    const match = certificates.find((certificate) => certificate.checkPrivateKey(key));
    if (match === undefined) continue;
    return {
      certPem: match.toString(),
      keyPem: key.export({ format: 'pem', type: 'pkcs8' }).toString(),
      chainPem: certificates
        .filter((certificate) => certificate !== match)
        .map((certificate) => certificate.toString()),
      certificate: match,
    };
  }
  throw new AppError('CERT_NO_KEY', { details: { reason: 'no_matching_certificate' } });
}
