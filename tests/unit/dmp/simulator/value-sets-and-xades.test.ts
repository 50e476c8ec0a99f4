import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FACILITY_TYPE_CODES,
  PRACTICE_SETTING_CODES,
  TYPE_CODES,
} from '../../../../simulators/national-dmp/xds/value-set-codes';
import { inValueSet } from '../../../../simulators/national-dmp/xds/value-sets';
import { checkSignatureManifest, manifestDigest, XadesCheckError } from '../../../../simulators/national-dmp/xds/xades';
import { vectorsPath } from '../../../support/vectors';

const concepts = (file: string): string[] =>
  [
    ...readFileSync(vectorsPath('cda', 'jeuxDeValeurs', file), 'utf8').matchAll(
      /<Concept code="([^"]+)"\s+codeSystem="([^"]+)"/g,
    ),
  ].map((m) => `${m[2]}|${m[1]}`);
const flatten = (set: Readonly<Record<string, readonly string[]>>): string[] =>
  Object.entries(set).flatMap(([system, codes]) => codes.map((code) => `${system}|${code}`));

describe('DMP value sets', () => {
  it('match the CI-SIS JDVs J02, J04 and J07 of the vectors', () => {
    expect(flatten(FACILITY_TYPE_CODES).sort()).toEqual(
      concepts('JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml').sort(),
    );
    expect(flatten(PRACTICE_SETTING_CODES).sort()).toEqual(concepts('JDV_J04_XdsPracticeSettingCode_CISIS.xml').sort());
    expect(flatten(TYPE_CODES).sort()).toEqual(concepts('JDV_J07_XdsTypeCode_CISIS.xml').sort());
  });

  it('accept the codes of the official TD2.1 and refuse the others or a wrong code system', () => {
    expect(inValueSet('classCode', '10', '1.2.250.1.213.1.1.4.1')).toBe(true);
    expect(inValueSet('typeCode', '27899-4', '2.16.840.1.113883.6.1')).toBe(true);
    expect(inValueSet('formatCode', 'urn:ihe:iti:xds-sd:pdf:2008', '1.3.6.1.4.1.19376.1.2.3')).toBe(true);
    expect(inValueSet('confidentialityCode', 'MASQUE_PS', '1.2.250.1.213.1.1.4.13')).toBe(true);
    expect(inValueSet('confidentialityCode', 'MASQUE_PS', '2.16.840.1.113883.5.25')).toBe(false);
    expect(inValueSet('confidentialityCode', 'MASQUE_PT', '1.2.250.1.213.1.1.4.13')).toBe(false);
    expect(inValueSet('classCode', '99', '1.2.250.1.213.1.1.4.1')).toBe(false);
    expect(inValueSet('healthcareFacilityTypeCode', 'SA01', '1.2.250.1.213.1.1.4.9')).toBe(false);
  });
});

describe('XAdES IHE manifest', () => {
  const documentFile = vectorsPath('dmp-messages', 'TD2.1-DocumentME2.xml');
  const C14N_WITH_COMMENTS = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
  const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';

  it('computes the same c14n digest as xmllint for the official document', () => {
    const reference = execFileSync('sh', ['-c', `xmllint --c14n "${documentFile}" | openssl sha1 -binary | base64`])
      .toString()
      .trim();
    expect(manifestDigest(readFileSync(documentFile), [C14N_WITH_COMMENTS], SHA1)).toBe(reference);
  });

  it('finds the official signature inconsistent with the official document (digest published for another version)', () => {
    const signature = readFileSync(vectorsPath('dmp-messages', 'TD2.1-SignatureXades.xml'));
    const documents = new Map([['1.2.250.1.999.1.1.7898.4.9956570902', readFileSync(documentFile)]]);
    expect(() => checkSignatureManifest(signature, documents)).toThrow(
      expect.objectContaining({ problem: 'digest_mismatch' }) as unknown,
    );
    const missing = new Map([['9.9.9', readFileSync(documentFile)]]);
    expect(() => checkSignatureManifest(signature, missing)).toThrow(XadesCheckError);
  });

  it('refuses a signature document with a DOCTYPE, and unknown digest methods', () => {
    const hostile = Buffer.from(
      '<!DOCTYPE x [<!ENTITY a "b">]><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>',
    );
    expect(() => checkSignatureManifest(hostile, new Map())).toThrow(
      expect.objectContaining({ problem: 'unreadable' }) as unknown,
    );
    expect(() => manifestDigest(Buffer.from('<a/>'), [], 'http://example/md5')).toThrow(XadesCheckError);
  });
});
