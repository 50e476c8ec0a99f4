import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/**
 * Establishment-like credentials for configuration tests: a certificate with the validity a test
 * needs (expired, expiring in 30 days, valid two years), packed into PKCS#12 by the openssl
 * command line — an independent writer, so the desk's reader is tested against files it did not
 * produce. The password goes through the environment, never the command line.
 */

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);
const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const DAY_MS = 86_400_000;

export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

let keys: Promise<CryptoKeyPair> | undefined;

/** A self-signed certificate valid from `notBefore` to `notAfter` (one RSA key per test run: generation is slow). */
export async function testCertificate(options: {
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}): Promise<PemPair> {
  keys ??= crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const pair = await keys;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16).padStart(16, '0'),
    name: `CN=${options.commonName}, O=CENTRE DE SANTE TEST, C=FR`,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keys: pair,
    signingAlgorithm: RSA,
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  return { certPem: cert.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

/** Valid from yesterday for `days` days (negative: expired that many days ago). */
export function validFor(commonName: string, days: number, now = new Date()): Promise<PemPair> {
  const notAfter = new Date(now.getTime() + days * DAY_MS);
  const notBefore = new Date(Math.min(now.getTime(), notAfter.getTime()) - 365 * DAY_MS);
  return testCertificate({ commonName, notBefore, notAfter });
}

export type Pkcs12Flavour = 'aes' | 'legacy-3des' | 'no-mac' | 'no-key';

/** Writes `<dir>/<name>.p12` with openssl and returns its path. */
export async function writePkcs12(
  dir: string,
  name: string,
  pair: PemPair,
  password: string,
  flavour: Pkcs12Flavour = 'aes',
): Promise<string> {
  const certFile = join(dir, `${name}.cert.pem`);
  const keyFile = join(dir, `${name}.key.pem`);
  const out = join(dir, `${name}.p12`);
  await writeFile(certFile, pair.certPem);
  await writeFile(keyFile, pair.keyPem, { mode: 0o600 });
  const args = ['pkcs12', '-export', '-in', certFile, '-out', out, '-passout', 'env:P12_PASSWORD'];
  if (flavour === 'no-key') args.push('-nokeys');
  else args.push('-inkey', keyFile);
  if (flavour === 'legacy-3des') args.push('-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1');
  if (flavour === 'no-mac') args.push('-nomac');
  execFileSync('openssl', args, { env: { ...process.env, P12_PASSWORD: password }, stdio: 'pipe' });
  return out;
}
