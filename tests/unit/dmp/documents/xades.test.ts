import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareAuthenticator, createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { Signer } from '../../../../main/crypto/signer';
import { buildCdaN1 } from '../../../../main/dmp/cda';
import { canonicalDocumentDigest, signXades } from '../../../../main/dmp/xades';
import { parseXmlSafely, selectText } from '../../../../main/xml';
import { AppError } from '../../../../shared/errors';
import { useTempDir } from '../../../support/temp-dir';
import { clientPki, type ClientPki } from '../client/pki';
import { cdaInput } from './fixtures';

const run = promisify(execFile);
const tempDir = useTempDir('dmp-xades-');
const XADES_NS = 'http://uri.etsi.org/01903/v1.1.1#';

let material: ClientPki;
let signer: Signer;
const cda = buildCdaN1(cdaInput()).xml;

beforeAll(async () => {
  material = await clientPki();
  signer = createSoftwareSigner(material.cps.sign);
});

async function sign(): Promise<string> {
  return signXades({
    signatureId: '1.2.250.1.999.1.1.7898.5.1',
    submissionSetUniqueId: '1.2.250.1.999.1.1.7898.1.1',
    documents: [{ uniqueId: '1.2.250.1.999.1.1.7898.4.1001', digest: canonicalDocumentDigest(cda) }],
    signingTime: new Date('2026-11-22T10:00:00Z'),
    signer,
  });
}

/** xmlsec1 (libxmlsec, an independent implementation) checks SignedInfo, both references and the RSA value. */
async function xmlsecVerify(xml: string): Promise<boolean> {
  const dir = await tempDir();
  await writeFile(join(dir, 'sig.xml'), xml);
  await writeFile(join(dir, 'cert.pem'), material.cps.sign.certPem);
  try {
    await run('xmlsec1', [
      '--verify',
      // The manifest's urn:oid references point at submission parts, not at anything xmlsec1 can fetch.
      '--ignore-manifests',
      '--pubkey-cert-pem',
      join(dir, 'cert.pem'),
      '--id-attr:Id',
      'Manifest',
      '--id-attr:Id',
      `${XADES_NS}:SignedProperties`,
      join(dir, 'sig.xml'),
    ]);
    return true;
  } catch {
    return false;
  }
}

describe('XAdES signature of a submission', () => {
  it('verifies with xmlsec1, and a tampered copy does not', async () => {
    const signature = await sign();
    expect(await xmlsecVerify(signature)).toBe(true);
    expect(await xmlsecVerify(signature.replace('2026-11-22T10:00:00.000Z', '2026-11-22T10:00:01.000Z'))).toBe(false);
    expect(
      await xmlsecVerify(signature.replace(/urn:oid:1\.2\.250\.1\.999\.1\.1\.7898\.4\.1001/, 'urn:oid:1.2.3')),
    ).toBe(false);
  });

  it('the manifest digest is the SHA-256 of the document canonicalized by xmllint (C14N with comments)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'cda.xml'), cda);
    const { stdout } = await run('xmllint', ['--c14n', join(dir, 'cda.xml')], {
      encoding: 'buffer',
      maxBuffer: 1 << 26,
    });
    const expected = createHash('sha256').update(stdout).digest('base64');
    const doc = parseXmlSafely(await sign());
    expect(selectText(doc, '//ds:Manifest/ds:Reference[2]/ds:DigestValue')).toBe(expected);
    expect(selectText(doc, '//ds:Manifest/ds:Reference[1]/@URI')).toBe('urn:oid:1.2.250.1.999.1.1.7898.1.1');
    expect(selectText(doc, "//*[local-name()='SignatureProperty'][@Id='purposeOfSignature']")).toBe(
      '1.2.840.10065.1.12.1.14',
    );
  });

  it('names the signing certificate (digest, issuer, serial) in the signed properties', async () => {
    const doc = parseXmlSafely(await sign());
    const der = Buffer.from(selectText(doc, '//ds:X509Certificate') ?? '', 'base64');
    expect(der.equals(Buffer.from(signer.certificateDer))).toBe(true);
    expect(
      selectText(doc, `//*[namespace-uri()='${XADES_NS}' and local-name()='CertDigest']/*[local-name()='DigestValue']`),
    ).toBe(createHash('sha256').update(der).digest('base64'));
  });

  it('refuses the authentication key and keeps card errors as they are', async () => {
    const auth = createSoftwareAuthenticator(material.cps.auth) as unknown as Signer;
    const base = { signatureId: '1.2.3', submissionSetUniqueId: '1.2.4', signingTime: new Date() };
    const documents = [{ uniqueId: '1.2.5', digest: new Uint8Array(32) }];
    await expect(signXades({ ...base, documents, signer: auth })).rejects.toMatchObject({
      code: 'DMP_INVALID_CERTIFICATE',
    });
    const pulled: Signer = { ...signer, sign: () => Promise.reject(new AppError('CARD_REMOVED')) };
    await expect(signXades({ ...base, documents, signer: pulled })).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    const broken: Signer = { ...signer, sign: () => Promise.reject(new Error('boom')) };
    await expect(signXades({ ...base, documents, signer: broken })).rejects.toMatchObject({
      code: 'DOC_SIGNATURE_FAILED',
    });
    await expect(signXades({ ...base, documents: [], signer })).rejects.toMatchObject({ code: 'DOC_INVALID_INPUT' });
  });
});
