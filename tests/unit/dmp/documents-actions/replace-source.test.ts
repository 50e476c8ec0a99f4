import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCdaN1 } from '../../../../main/dmp/cda';
import { replacedVersion } from '../../../../main/dmp/documents/transactions/replace-source';
import { vectorsPath } from '../../../support/vectors';
import { cdaInput } from '../documents/fixtures';

describe('the replaced version read from its CDA header', () => {
  it('reads setId and versionNumber of a document the desk built, first version and replacement', () => {
    const first = buildCdaN1(cdaInput());
    expect(replacedVersion(Buffer.from(first.xml), first.uniqueId)).toEqual({ setId: first.setId, versionNumber: 1 });
    const second = buildCdaN1({
      ...cdaInput(),
      uniqueId: '1.2.250.1.999.1.1.7898.4.2002',
      replaces: { uniqueId: first.uniqueId, setId: first.setId, versionNumber: 1, entryUuid: 'urn:uuid:1' },
    });
    expect(replacedVersion(Buffer.from(second.xml), second.uniqueId)).toEqual({ setId: first.setId, versionNumber: 2 });
  });

  it('takes the official TD2.1 document, which has no setId, as version 1 of its own set', () => {
    const official = readFileSync(vectorsPath('dmp-messages', 'TD2.1-DocumentME2.xml'));
    const uniqueId = '1.2.250.1.999.1.1.7898.4.9956570902';
    expect(replacedVersion(official, uniqueId)).toEqual({ setId: uniqueId, versionNumber: 1 });
    // Another document than the one asked for is not taken as it.
    expect(() => replacedVersion(official, '1.2.250.1.999.1.1.7898.4.1')).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE', details: { reason: 'replaced_id' } }),
    );
  });

  it('refuses hostile XML, a non-CDA and a header without a usable version', () => {
    const cda = buildCdaN1(cdaInput());
    const built = cda.xml;
    expect(() => replacedVersion(Buffer.from(`<!DOCTYPE x [<!ENTITY a "b">]>${built}`), cda.uniqueId)).toThrow(
      expect.objectContaining({ code: 'XML_HOSTILE' }),
    );
    expect(() => replacedVersion(Buffer.from('<html xmlns="urn:hl7-org:v3"/>'), cda.uniqueId)).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }),
    );
    for (const broken of [
      built.replace(/<versionNumber value="1"\/>/, ''),
      built.replace(/<setId root="[^"]*"\/>/, ''),
      built.replace(/<versionNumber value="1"\/>/, '<versionNumber value="0"/>'),
      built.replace(/<setId root="[^"]*"\/>/, '<setId root="not an oid"/>'),
    ]) {
      expect(broken).not.toBe(built);
      expect(() => replacedVersion(Buffer.from(broken), cda.uniqueId)).toThrow(
        expect.objectContaining({ code: 'DOC_INVALID_RESPONSE', details: { reason: 'replaced_version' } }),
      );
    }
  });
});
