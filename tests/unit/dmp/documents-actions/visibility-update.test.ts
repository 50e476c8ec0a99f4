import { describe, expect, it } from 'vitest';
import {
  buildVisibilityUpdateFromEntry,
  parseDocumentEntry,
  RIM,
  STATUS,
  UUID,
  type SubmissionSetInput,
} from '../../../../main/dmp/xds';
import { childElements, parseXmlSafely, serializeXml } from '../../../../main/xml';
import { AUTHOR, PATIENT, STRUCTURE } from '../documents/fixtures';
import { officialEntries } from './official-entries';

const SUBMISSION: SubmissionSetInput = {
  id: 'SubmissionSet01',
  uniqueId: '1.2.250.1.999.1.1.7898.1.78',
  sourceId: '1.3.6.1.4.1.48364',
  submissionTime: new Date('2026-11-22T10:00:00Z'),
  title: 'Modification de la visibilité',
  contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
  patient: PATIENT,
  author: AUTHOR,
  structure: STRUCTURE,
};

function produced(body: string): { entry: Element; hasMember: Element } {
  const root = parseXmlSafely(body).documentElement;
  const list = root && childElements(root, RIM, 'RegistryObjectList')[0];
  const entry = list && childElements(list, RIM, 'ExtrinsicObject')[0];
  const hasMember = list && childElements(list, RIM, 'Association')[0];
  if (entry === undefined || hasMember === undefined) throw new Error('incomplete update');
  return { entry, hasMember };
}

const slotValue = (element: Element, name: string): string | undefined =>
  childElements(element, RIM, 'Slot')
    .find((s) => s.getAttribute('name') === name)
    ?.textContent?.trim();

describe('ITI-57 visibility update from the registry entry (TD3.3a/b)', () => {
  const entries = officialEntries();

  it('reads the 21 entries of the official response', () => {
    expect(entries).toHaveLength(21);
  });

  it.each(entries.map((e, i) => [i, e] as const))(
    'entry %i: a new version that keeps every other field',
    (_, current) => {
      const before = parseDocumentEntry(current);
      const body = buildVisibilityUpdateFromEntry({
        submissionSet: SUBMISSION,
        registryEntry: current,
        visibility: ['MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
      });
      const { entry, hasMember } = produced(body);
      const after = parseDocumentEntry(entry);

      expect(after.entryUuid).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(after.entryUuid).not.toBe(before.entryUuid);
      expect(after.logicalId).toBe(before.logicalId);
      expect(entry.getAttribute('status')).toBe(STATUS.approved);
      expect(childElements(entry, RIM, 'VersionInfo')).toHaveLength(0);
      expect(hasMember.getAttribute('targetObject')).toBe(after.entryUuid);
      expect(slotValue(hasMember, 'PreviousVersion')).toBe(before.version);

      const { entryUuid: _a, confidentiality: _b, version: _c, ...kept } = before;
      const { entryUuid: _d, confidentiality: newCodes, version: _e, ...keptAfter } = after;
      expect(keptAfter).toEqual(kept);
      expect(childElements(entry, RIM, 'Slot').map((s) => s.getAttribute('name'))).toEqual(
        childElements(current, RIM, 'Slot').map((s) => s.getAttribute('name')),
      );
      const hl7Codes = before.confidentiality.filter((c) => !/^(MASQUE_PS|INVISIBLE_)/.test(c));
      expect([...newCodes].sort()).toEqual([...hl7Codes, 'MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX'].sort());

      // Every classification and identifier is the new version's own, with an id never used before.
      const parts = [
        ...childElements(entry, RIM, 'Classification'),
        ...childElements(entry, RIM, 'ExternalIdentifier'),
      ];
      const oldIds = new Set(
        [...childElements(current, RIM, 'Classification'), ...childElements(current, RIM, 'ExternalIdentifier')].map(
          (e) => e.getAttribute('id'),
        ),
      );
      for (const part of parts) {
        expect(part.getAttribute('classifiedObject') ?? part.getAttribute('registryObject')).toBe(after.entryUuid);
        expect(oldIds.has(part.getAttribute('id'))).toBe(false);
      }
      expect(new Set(parts.map((p) => p.getAttribute('id'))).size).toBe(parts.length);
    },
  );

  it('unmasking removes only the DMP visibility codes and keeps N', () => {
    const masked = entries.find((e) => parseDocumentEntry(e).confidentiality.includes('INVISIBLE_PATIENT'));
    if (masked === undefined) throw new Error('the sample has hidden documents');
    const { entry } = produced(
      buildVisibilityUpdateFromEntry({ submissionSet: SUBMISSION, registryEntry: masked, visibility: [] }),
    );
    const codes = childElements(entry, RIM, 'Classification')
      .filter((c) => c.getAttribute('classificationScheme') === UUID.confidentialityCode)
      .map((c) => c.getAttribute('nodeRepresentation'));
    expect(codes).toEqual(['N']);
  });

  it('does not touch the registry answer it copies', () => {
    const current = entries[0]!;
    const before = serializeXml(current);
    buildVisibilityUpdateFromEntry({ submissionSet: SUBMISSION, registryEntry: current, visibility: ['MASQUE_PS'] });
    expect(serializeXml(current)).toBe(before);
  });

  it('refuses a version that is no longer current, and an entry without version', () => {
    const deprecated = entries[0]!.cloneNode(true) as Element;
    deprecated.setAttribute('status', STATUS.deprecated);
    expect(() =>
      buildVisibilityUpdateFromEntry({ submissionSet: SUBMISSION, registryEntry: deprecated, visibility: [] }),
    ).toThrow(expect.objectContaining({ code: 'DOC_STALE_VERSION' }));

    const unversioned = entries[0]!.cloneNode(true) as Element;
    for (const info of childElements(unversioned, RIM, 'VersionInfo')) unversioned.removeChild(info);
    expect(() =>
      buildVisibilityUpdateFromEntry({ submissionSet: SUBMISSION, registryEntry: unversioned, visibility: [] }),
    ).toThrow(expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }));
  });
});
