import 'reflect-metadata';
import { createPrivateKey, createSign, X509Certificate as NodeX509 } from 'node:crypto';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../simulators/pki';
import { useTempDir } from '../../support/temp-dir';

const holder = {
  nationalId: '899900038839',
  lastName: 'TRAL',
  firstName: 'ADEMIS',
  profession: '10',
  specialty: 'SM26',
};

function keyUsage(cred: IssuedCredential): number {
  const ext = new x509.X509Certificate(cred.certPem).getExtension(x509.KeyUsagesExtension);
  return ext?.usages ?? -1;
}

function extendedUsages(cred: IssuedCredential): readonly string[] {
  const ext = new x509.X509Certificate(cred.certPem).getExtension(x509.ExtendedKeyUsageExtension);
  return (ext?.usages ?? []).map(String);
}

/** Mutual TLS over loopback: resolves true when both sides authorized each other. */
async function mutualTls(server: IssuedCredential, serverCa: string, client: IssuedCredential, clientCa: string) {
  const tlsServer = createServer({
    key: server.keyPem,
    cert: server.certPem,
    ca: serverCa,
    requestCert: true,
    rejectUnauthorized: true,
  });
  tlsServer.on('secureConnection', (socket: TLSSocket) => socket.end('ok'));
  tlsServer.on('tlsClientError', () => undefined);
  tlsServer.listen(0, '127.0.0.1');
  await once(tlsServer, 'listening');
  const { port } = tlsServer.address() as AddressInfo;
  try {
    return await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, key: client.keyPem, cert: client.certPem, ca: clientCa });
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('end', () => resolve(data === 'ok'));
      socket.on('error', () => resolve(false));
    });
  } finally {
    tlsServer.close();
  }
}

describe('test PKI', () => {
  let pki: TestPki;
  let cps: { auth: IssuedCredential; sign: IssuedCredential };
  let org: IssuedCredential;
  let server: IssuedCredential;

  beforeAll(async () => {
    pki = await createTestPki();
    cps = await pki.issueCps(holder);
    org = await pki.issueEstablishment({ finess: '010000024', name: 'CLINIQUE DU TEST' });
    server = await pki.issueServer(['dmp.test.invalid']);
  });

  it('issues certificates that verify against the CA and not against each other', () => {
    const ca = new NodeX509(pki.caCertPem);
    for (const cred of [cps.auth, cps.sign, org, server]) {
      const cert = new NodeX509(cred.certPem);
      expect(cert.checkIssued(ca)).toBe(true);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(Buffer.from(cred.certDer).equals(cert.raw)).toBe(true);
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(cert.ca).toBe(false);
    }
    expect(ca.ca).toBe(true);
    expect(new NodeX509(cps.auth.certPem).verify(new NodeX509(org.certPem).publicKey)).toBe(false);
  });

  it('gives the CPS distinct authentication and signature roles', () => {
    expect(keyUsage(cps.auth)).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(extendedUsages(cps.auth)).toEqual([x509.ExtendedKeyUsage.clientAuth]);
    expect(keyUsage(cps.sign)).toBe(x509.KeyUsageFlags.nonRepudiation);
    expect(extendedUsages(cps.sign)).not.toContain(x509.ExtendedKeyUsage.clientAuth);
    expect(new NodeX509(cps.auth.certPem).serialNumber).not.toBe(new NodeX509(cps.sign.certPem).serialNumber);
  });

  it('names subjects like IGC-Santé and signs with sha256WithRSAEncryption', () => {
    const cert = new x509.X509Certificate(cps.sign.certPem);
    expect(cert.subjectName.getField('CN')).toEqual(['899900038839']);
    expect(cert.subjectName.getField('SN')).toEqual(['TRAL']);
    expect(cert.subjectName.getField('G')).toEqual(['ADEMIS']);
    expect(cert.subjectName.getField('OU')).toEqual(['Médecin']);
    expect(cert.signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    const years = (cert.notAfter.getTime() - cert.notBefore.getTime()) / (365 * 86_400_000);
    expect(years).toBeGreaterThan(1.9);
    expect(years).toBeLessThan(2.1);
    expect(new x509.X509Certificate(org.certPem).subjectName.getField('OU')).toEqual(['010000024']);
  });

  it('puts 127.0.0.1 and localhost in the server SAN', () => {
    const san = new NodeX509(server.certPem).subjectAltName ?? '';
    expect(san).toContain('IP Address:127.0.0.1');
    expect(san).toContain('DNS:localhost');
    expect(san).toContain('DNS:dmp.test.invalid');
    expect(extendedUsages(server)).toEqual([x509.ExtendedKeyUsage.serverAuth]);
  });

  it('hands out PKCS#8 keys that match their certificate', async () => {
    const key = createPrivateKey(cps.sign.keyPem);
    expect(cps.sign.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
    const signature = createSign('sha256').update('vihf').sign(key);
    const verifier = new NodeX509(cps.sign.certPem).publicKey;
    expect(createSign('sha256').update('x').sign(key)).not.toEqual(signature);
    expect((await import('node:crypto')).verify('sha256', Buffer.from('vihf'), verifier, signature)).toBe(true);
  });

  it('completes mutual TLS on loopback, and refuses a client from another PKI', async () => {
    expect(await mutualTls(server, pki.caCertPem, cps.auth, pki.caCertPem)).toBe(true);
    expect(await mutualTls(server, pki.caCertPem, org, pki.caCertPem)).toBe(true);
    const other = await createTestPki();
    const stranger = await other.issueEstablishment({ finess: '010000024', name: 'CLINIQUE DU TEST' });
    expect(await mutualTls(server, pki.caCertPem, stranger, pki.caCertPem)).toBe(false);
    // The signature certificate has no digitalSignature usage: TLS must not accept it as a client key.
    expect(await mutualTls(server, pki.caCertPem, cps.sign, pki.caCertPem)).toBe(false);
  });
});

describe('test PKI seed cache', () => {
  const tempDir = useTempDir('dmp-pki-');

  it('reuses the CA and issued keys from the seed directory, also under concurrent creation', async () => {
    const seedDir = await tempDir();
    const [a, b] = await Promise.all([createTestPki({ seedDir }), createTestPki({ seedDir })]);
    expect(a.caCertPem).toBe(b.caCertPem);
    const first = await a.issueServer(['x.invalid']);
    const again = await (await createTestPki({ seedDir })).issueServer(['x.invalid']);
    expect(again.keyPem).toBe(first.keyPem);
    const otherName = await a.issueServer(['y.invalid']);
    expect(otherName.keyPem).not.toBe(first.keyPem);
    expect((await readdir(seedDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
