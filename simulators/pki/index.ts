import 'reflect-metadata';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { CredentialStore, type StoredCredential } from './credential-store';
import { CA_NAME, cpsName, organisationName, serverName } from './names';

/**
 * A test PKI standing in for IGC-Santé: one CA issuing CPS-like authentication and signature
 * certificates, establishment ("personne morale") certificates and TLS server certificates.
 * RSA-2048 keys, sha256WithRSAEncryption, random serials, about two years of validity.
 */

export interface IssuedCredential {
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  readonly certPem: string;
  readonly certDer: Uint8Array;
}

export interface CpsHolder {
  /** IdNat with its type prefix: '8' + RPPS (e.g. '810001234567'), '0' + ADELI, '899…' test ids. */
  readonly nationalId: string;
  readonly lastName: string;
  readonly firstName: string;
  /** Profession code, e.g. '10' médecin. */
  readonly profession: string;
  /** Speciality code, e.g. 'SM26'. */
  readonly specialty?: string;
}

export interface EstablishmentIdentity {
  readonly finess: string;
  readonly name: string;
  /** CN when it must differ from the name (INSi wants `INSI-AUTO` or `INSI-MANU`). */
  readonly commonName?: string;
}

export interface TestPki {
  readonly caCertPem: string;
  readonly caCertDer: Uint8Array;
  /** auth: digitalSignature + clientAuth; sign: nonRepudiation (contentCommitment) + emailProtection. */
  issueCps(holder: CpsHolder): Promise<{ auth: IssuedCredential; sign: IssuedCredential }>;
  /** "Personne morale" certificate: indirect mode VIHF signature, INSi and TLS client. */
  issueEstablishment(org: EstablishmentIdentity): Promise<IssuedCredential>;
  /** TLS server certificate; SAN always holds IP 127.0.0.1 and DNS localhost, plus `hostnames`. */
  issueServer(hostnames: readonly string[]): Promise<IssuedCredential>;
}

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const DAY_MS = 86_400_000;
const VALIDITY_DAYS = 730;
/** A cached certificate this close to expiry is issued again rather than reused. */
const RENEW_MARGIN_DAYS = 30;

interface Profile {
  readonly subject: x509.JsonName;
  readonly extensions: (publicKey: CryptoKey) => Promise<x509.Extension[]>;
}

export async function createTestPki(options: { seedDir?: string } = {}): Promise<TestPki> {
  const store = new CredentialStore(options.seedDir);
  const ca = await loadOrCreateCa(store);
  const caFingerprint = createHash('sha256').update(new Uint8Array(ca.cert.rawData)).digest('hex');

  const issue = async (kind: string, params: unknown, profile: Profile): Promise<IssuedCredential> => {
    const cacheName = `${kind}-${createHash('sha256')
      .update(caFingerprint)
      .update(JSON.stringify(params))
      .digest('hex')
      .slice(0, 24)}`;
    const cached = await store.load(cacheName);
    if (cached !== undefined && stillValid(cached)) return toIssued(cached);
    const keys = await generateKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: profile.subject,
      issuer: ca.cert.subjectName,
      ...validity(),
      publicKey: keys.publicKey,
      signingKey: ca.privateKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ...(await profile.extensions(keys.publicKey)),
      ],
    });
    return toIssued(await store.saveOrAdopt(cacheName, await toStored(keys.privateKey, cert)));
  };

  return {
    caCertPem: ca.cert.toString('pem'),
    caCertDer: new Uint8Array(ca.cert.rawData),
    async issueCps(holder) {
      const subject = cpsName(holder);
      const [auth, sign] = await Promise.all([
        issue('cps-auth', holder, {
          subject,
          extensions: () =>
            Promise.resolve([
              new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
              new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
            ]),
        }),
        issue('cps-sign', holder, {
          subject,
          extensions: () =>
            Promise.resolve([
              new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation, true),
              new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection]),
            ]),
        }),
      ]);
      return { auth, sign };
    },
    issueEstablishment(org) {
      return issue('org', org, {
        subject: organisationName(org),
        extensions: () =>
          Promise.resolve([
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
            new x509.ExtendedKeyUsageExtension([
              x509.ExtendedKeyUsage.clientAuth,
              x509.ExtendedKeyUsage.emailProtection,
            ]),
          ]),
      });
    },
    issueServer(hostnames) {
      const names = [...new Set(['localhost', '127.0.0.1', ...hostnames])];
      return issue('server', names, {
        subject: serverName(hostnames[0] ?? 'localhost'),
        extensions: () =>
          Promise.resolve([
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
            new x509.SubjectAlternativeNameExtension(
              names.map((value) => ({ type: isIP(value) === 0 ? ('dns' as const) : ('ip' as const), value })),
            ),
          ]),
      });
    },
  };
}

interface CaMaterial {
  readonly cert: x509.X509Certificate;
  readonly privateKey: CryptoKey;
}

async function loadOrCreateCa(store: CredentialStore): Promise<CaMaterial> {
  const cached = await store.load('ca');
  if (cached !== undefined && stillValid(cached)) return importCa(cached);
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: CA_NAME,
    ...validity(VALIDITY_DAYS * 2),
    keys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return importCa(await store.saveOrAdopt('ca', await toStored(keys.privateKey, cert)));
}

async function importCa(stored: StoredCredential): Promise<CaMaterial> {
  const der = x509.PemConverter.decode(stored.keyPem)[0];
  if (der === undefined) throw new Error('test PKI: cached CA key is not PEM');
  // A Node Buffer, not the ArrayBuffer the PEM helper returns: under jsdom the two live in different realms.
  const privateKey = await crypto.subtle.importKey('pkcs8', Buffer.from(der), RSA, false, ['sign']);
  return { cert: new x509.X509Certificate(stored.certPem), privateKey };
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
}

async function toStored(privateKey: CryptoKey, cert: x509.X509Certificate): Promise<StoredCredential> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', privateKey);
  return { keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), certPem: cert.toString('pem') };
}

function toIssued(stored: StoredCredential): IssuedCredential {
  const cert = new x509.X509Certificate(stored.certPem);
  return { keyPem: stored.keyPem, certPem: stored.certPem, certDer: new Uint8Array(cert.rawData) };
}

function stillValid(stored: StoredCredential): boolean {
  const cert = new x509.X509Certificate(stored.certPem);
  return cert.notAfter.getTime() - Date.now() > RENEW_MARGIN_DAYS * DAY_MS;
}

function validity(days = VALIDITY_DAYS): { notBefore: Date; notAfter: Date } {
  // Back-dated a day so a peer with a slightly late clock still accepts a fresh certificate.
  const now = Date.now();
  return { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + days * DAY_MS) };
}

/** 16 random bytes, high bit cleared so the DER INTEGER stays positive without a pad byte. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}
