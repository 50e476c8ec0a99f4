import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { createSoftwareAuthenticator, createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { Signer } from '../../../../main/crypto/signer';
import { buildVihf, createVihf, signVihf, subjectDn, type VihfInput } from '../../../../main/dmp/vihf';
import { parseXmlSafely, selectElements, selectText } from '../../../../main/xml';
import { useTempDir } from '../../../support/temp-dir';
import { PRACTITIONER, clientPki, type ClientPki } from './pki';

const run = promisify(execFile);
const tempDir = useTempDir('dmp-vihf-');

const INPUT: VihfInput = {
  practitioner: {
    nationalId: PRACTITIONER.nationalId,
    firstName: PRACTITIONER.firstName,
    lastName: PRACTITIONER.lastName,
    roles: [
      { code: '10', codeSystem: '1.2.250.1.71.1.2.7', codeSystemName: 'professions', displayName: 'Médecin' },
      { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5', displayName: 'Qualifié en Médecine Générale (SM)' },
    ],
  },
  structure: { id: '499900063480001', activitySector: 'SA07' },
  software: { name: 'DMP Desk', version: '0.1.0', homologationId: 'BCO-TEST', installId: 'desk-1' },
  authMode: 'DIRECTE',
  accessMode: 'normal',
  patient: { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' },
};

let material: ClientPki;
let signer: Signer;

beforeAll(async () => {
  material = await clientPki();
  signer = createSoftwareSigner(material.cps.sign);
});

const attribute = (doc: Document, name: string): string | undefined =>
  selectText(doc, `//saml:Attribute[@Name='${name}']/saml:AttributeValue`);

async function xmlsecVerify(xml: string): Promise<{ ok: boolean; output: string }> {
  const dir = await tempDir();
  await writeFile(join(dir, 'vihf.xml'), xml);
  await writeFile(join(dir, 'ca.pem'), material.pki.caCertPem);
  try {
    const { stderr } = await run('xmlsec1', [
      '--verify',
      '--id-attr:ID',
      'urn:oasis:names:tc:SAML:2.0:assertion:Assertion',
      '--trusted-pem',
      join(dir, 'ca.pem'),
      join(dir, 'vihf.xml'),
    ]);
    return { ok: true, output: stderr };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr) };
  }
}

describe('VIHF', () => {
  it('carries every attribute of the spec table, in the order of the official examples', () => {
    const { id, xml } = buildVihf(INPUT, 'CN=TEST', new Date('2026-01-02T03:04:05.000Z'));
    const doc = parseXmlSafely(xml);
    expect(doc.documentElement.getAttribute('ID')).toBe(id);
    expect(doc.documentElement.getAttribute('IssueInstant')).toBe('2026-01-02T03:04:05.000Z');
    expect(selectText(doc, '/saml:Assertion/saml:Subject/saml:NameID')).toBe('899700000101');
    expect(selectElements(doc, '//saml:Attribute').map((a) => a.getAttribute('Name'))).toEqual([
      'Identifiant_Structure',
      'Secteur_Activite',
      'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
      'urn:oasis:names:tc:xacml:2.0:subject:role',
      'VIHF_Version',
      'Authentification_mode',
      'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
      'Ressource_URN',
      'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
      'LPS_ID',
      'LPS_Nom',
      'LPS_Version',
      'LPS_ID_HOMOLOGATION_DMP',
    ]);
    expect(attribute(doc, 'Secteur_Activite')).toBe('SA07^1.2.250.1.71.4.2.4');
    expect(attribute(doc, 'urn:oasis:names:tc:xacml:2.0:resource:resource-id')).toBe(
      '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH',
    );
    expect(attribute(doc, 'VIHF_Version')).toBe('3.0');
    expect(attribute(doc, 'Ressource_URN')).toBe('urn:dmp');
    expect(selectElements(doc, '//hl7:Role').map((r) => r.getAttribute('code'))).toEqual(['10', 'SM26']);
    expect(selectText(doc, '//hl7:PurposeOfUse/@codeSystem')).toBe('1.2.250.1.213.1.1.4.248');
    expect(selectText(doc, '//saml:AuthnContextDecl')).toBeUndefined();
  });

  it('says break-glass and AIR when asked', () => {
    const doc = parseXmlSafely(
      buildVihf({ ...INPUT, accessMode: 'bris_de_glace', authMode: 'INDIRECTE_RENFORCEE' }, 'CN=X').xml,
    );
    expect(selectText(doc, '//hl7:PurposeOfUse/@code')).toBe('bris_de_glace');
    expect(attribute(doc, 'Authentification_mode')).toBe('INDIRECTE_RENFORCEE');
    expect(selectText(doc, '//saml:AuthnContextDecl')).toContain('SmartcardPKI');
  });

  it('is signed by the signature key, Issuer = signer DN, and xmlsec1 verifies it independently', async () => {
    const xml = await createVihf(INPUT, signer);
    const doc = parseXmlSafely(xml);
    expect(selectText(doc, '/saml:Assertion/saml:Issuer')).toBe(subjectDn(material.cps.sign.certDer));
    expect(selectText(doc, '/saml:Assertion/saml:Issuer')).toMatch(/^CN=.*C=FR$/);
    // SAML schema order: Issuer, Signature, Subject.
    const children = Array.from(doc.documentElement.childNodes).map((n) => (n as Element).localName);
    expect(children.slice(0, 3)).toEqual(['Issuer', 'Signature', 'Subject']);
    expect(selectText(doc, '//ds:SignatureMethod/@Algorithm')).toBe(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    );
    expect(selectText(doc, '//ds:CanonicalizationMethod/@Algorithm')).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
    expect(selectText(doc, '//ds:Reference/@URI')).toBe(`#${doc.documentElement.getAttribute('ID')}`);
    const verdict = await xmlsecVerify(xml);
    expect(verdict.output).toContain('OK');
    expect(verdict.ok).toBe(true);
  });

  it('fails xmlsec1 verification once a signed attribute is altered', async () => {
    const xml = await createVihf(INPUT, signer);
    const tampered = xml.replace('207058575627097^', '207058575627098^');
    expect(tampered).not.toBe(xml);
    expect((await xmlsecVerify(tampered)).ok).toBe(false);
  });

  it('refuses to sign with anything but a signature key', async () => {
    const auth = createSoftwareAuthenticator(material.cps.auth) as unknown as Signer;
    await expect(signVihf(buildVihf(INPUT, 'CN=X'), auth)).rejects.toMatchObject({ code: 'DMP_INVALID_CERTIFICATE' });
  });

  it('passes a card error through unchanged (e.g. card pulled while signing)', async () => {
    const pulled: Signer = { ...signer, sign: async () => Promise.reject(new AppError('INTERNAL_ERROR')) };
    await expect(createVihf(INPUT, pulled)).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
  });

  it('refuses a key that does not match its certificate', () => {
    expect(() =>
      createSoftwareSigner({ keyPem: material.cps.auth.keyPem, certPem: material.cps.sign.certPem }),
    ).toThrow(AppError);
  });
});

describe('VIHF cache', () => {
  it('reuses a token for the same key until it expires, and never keeps a failure', async () => {
    const { createVihfCache } = await import('../../../../main/dmp/vihf/cache');
    let clock = 0;
    const cache = createVihfCache(1000, () => clock);
    let made = 0;
    const make = async (): Promise<string> => `token-${++made}`;
    expect(await cache.get('normal|p1', make)).toBe('token-1');
    expect(await cache.get('normal|p1', make)).toBe('token-1');
    expect(await cache.get('bris_de_glace|p1', make)).toBe('token-2');
    expect(await cache.get('normal|p2', make)).toBe('token-3');
    clock = 1000;
    expect(await cache.get('normal|p1', make)).toBe('token-4');
    await expect(cache.get('normal|p9', () => Promise.reject(new AppError('INTERNAL_ERROR')))).rejects.toThrow();
    expect(await cache.get('normal|p9', make)).toBe('token-5');
  });
});
