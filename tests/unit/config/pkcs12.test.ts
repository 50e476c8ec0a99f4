import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPkcs12 } from '../../../main/config/pkcs12';
import { AppError } from '../../../shared/errors';
import { validFor, writePkcs12, type PemPair } from '../../support/pkcs12-fixtures';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-p12-');
const PASSWORD = 'Mot de passe é 1!';
let pair: PemPair;

beforeAll(async () => {
  pair = await validFor('ORG-AUTH_CLI TEST', 365);
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('readPkcs12', () => {
  for (const flavour of ['aes', 'legacy-3des', 'no-mac'] as const) {
    it(`opens a ${flavour} file written by openssl and returns the matching certificate and key`, async () => {
      const file = await writePkcs12(await tempDir(), 'auth', pair, PASSWORD, flavour);
      const credential = readPkcs12(await readFile(file), PASSWORD);
      expect(new X509Certificate(credential.certPem).fingerprint256).toBe(
        new X509Certificate(pair.certPem).fingerprint256,
      );
      expect(credential.certificate.subject).toContain('CN=ORG-AUTH_CLI TEST');
      // The key is the certificate's: it signs what the certificate verifies.
      expect(credential.certificate.checkPrivateKey(createPrivateKey(credential.keyPem))).toBe(true);
      expect(credential.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(credential.chainPem).toEqual([]);
    });

    it(`refuses a wrong password (${flavour}) with CERT_WRONG_PASSWORD`, async () => {
      const file = await writePkcs12(await tempDir(), 'auth', pair, PASSWORD, flavour);
      const data = await readFile(file);
      expect(codeOf(() => readPkcs12(data, 'not the password'))).toBe('CERT_WRONG_PASSWORD');
      expect(codeOf(() => readPkcs12(data, ''))).toBe('CERT_WRONG_PASSWORD');
    });
  }

  it('refuses what is not a PKCS#12 file (a PEM certificate, random bytes, an empty file)', async () => {
    expect(codeOf(() => readPkcs12(Buffer.from(pair.certPem), PASSWORD))).toBe('CERT_NOT_PKCS12');
    expect(codeOf(() => readPkcs12(Buffer.from([0x30, 0x82, 0x01, 0x00, 1, 2, 3]), PASSWORD))).toBe('CERT_NOT_PKCS12');
    expect(codeOf(() => readPkcs12(new Uint8Array(0), PASSWORD))).toBe('CERT_NOT_PKCS12');
  });

  it('refuses a truncated file without crashing', async () => {
    const data = await readFile(await writePkcs12(await tempDir(), 'auth', pair, PASSWORD));
    for (const length of [10, 100, data.length >> 1, data.length - 1]) {
      expect(['CERT_NOT_PKCS12', 'CERT_WRONG_PASSWORD']).toContain(
        codeOf(() => readPkcs12(data.subarray(0, length), PASSWORD)),
      );
    }
  });

  it('refuses a file holding only a certificate with CERT_NO_KEY', async () => {
    const data = await readFile(await writePkcs12(await tempDir(), 'cert-only', pair, PASSWORD, 'no-key'));
    expect(codeOf(() => readPkcs12(data, PASSWORD))).toBe('CERT_NO_KEY');
  });

  it('keeps the other certificates of the file as the chain', async () => {
    const dir = await tempDir();
    const other = await validFor('AC TEST INTERMEDIAIRE', 900);
    const chainFile = join(dir, 'chain.pem');
    await writeFile(chainFile, other.certPem);
    await writeFile(join(dir, 'c.pem'), pair.certPem);
    await writeFile(join(dir, 'k.pem'), pair.keyPem);
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-in',
        join(dir, 'c.pem'),
        '-inkey',
        join(dir, 'k.pem'),
        '-certfile',
        chainFile,
        '-out',
        join(dir, 'x.p12'),
        '-passout',
        'env:P',
      ],
      { env: { ...process.env, P: PASSWORD }, stdio: 'pipe' },
    );
    const credential = readPkcs12(await readFile(join(dir, 'x.p12')), PASSWORD);
    expect(credential.certificate.subject).toContain('ORG-AUTH_CLI TEST');
    expect(credential.chainPem.map((pem) => new X509Certificate(pem).subject)).toEqual([
      new X509Certificate(other.certPem).subject,
    ]);
  });

  it('never puts the password or key material in the error', async () => {
    const data = await readFile(await writePkcs12(await tempDir(), 'auth', pair, PASSWORD));
    try {
      readPkcs12(data, 'hunter2-secret');
    } catch (error) {
      const text = JSON.stringify({ message: (error as Error).message, details: (error as AppError).details });
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain(PASSWORD);
      return;
    }
    throw new Error('expected a failure');
  });
});
