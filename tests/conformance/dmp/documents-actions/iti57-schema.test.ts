import { describe, expect, it } from 'vitest';
import { buildStatusUpdate, buildVisibilityUpdateFromEntry, type SubmissionSetInput } from '../../../../main/dmp/xds';
import { vectorsPath } from '../../../support/vectors';
import { AUTHOR, PATIENT, STRUCTURE } from '../../../unit/dmp/documents/fixtures';
import { officialEntries } from '../../../unit/dmp/documents-actions/official-entries';
import { xsdErrors } from '../documents/xmllint';

const LCM_XSD = vectorsPath('dmp-wsdl', 'schema', 'ebRS', 'lcm.xsd');

const SUBMISSION: SubmissionSetInput = {
  id: 'SubmissionSet01',
  uniqueId: '1.2.250.1.999.1.1.7898.1.79',
  sourceId: '1.3.6.1.4.1.48364',
  submissionTime: new Date('2026-11-22T10:00:00Z'),
  title: 'Modification de la visibilité',
  contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
  patient: PATIENT,
  author: AUTHOR,
  structure: STRUCTURE,
};

describe('ITI-57 bodies of the document actions against the ebRS lcm schema', () => {
  // Every official entry, copied as the DMP wrote it (prefixes, Description, event codes, hash, size…).
  it.each(officialEntries().map((e, i) => [i, e] as const))(
    'visibility update built from official entry %i',
    async (_, entry) => {
      const body = buildVisibilityUpdateFromEntry({
        submissionSet: SUBMISSION,
        registryEntry: entry,
        visibility: ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
      });
      expect(await xsdErrors(body, LCM_XSD)).toEqual([]);
    },
  );

  it('delete from approved (TD3.3c)', async () => {
    const body = buildStatusUpdate({
      submissionSet: SUBMISSION,
      entryUuid: 'urn:uuid:41b6cd53-a85f-464c-aebe-ed0bf5c2c85a',
      currentStatus: 'approved',
      change: 'delete',
    });
    expect(body).toContain('urn:asip:ci-sis:2010:StatusType:Deleted');
    expect(await xsdErrors(body, LCM_XSD)).toEqual([]);
  });

  it('the check bites: an ExtrinsicObject with its Classification before its Name is refused', async () => {
    const body = buildVisibilityUpdateFromEntry({
      submissionSet: SUBMISSION,
      registryEntry: officialEntries()[0]!,
      visibility: ['MASQUE_PS'],
    });
    const misplaced = body.replace(
      /(<ns4:ExtrinsicObject[^>]*>)/,
      '$1<Classification classificationNode="x" classifiedObject="y" id="z"/>',
    );
    expect(misplaced).not.toBe(body);
    expect((await xsdErrors(misplaced, LCM_XSD)).length).toBeGreaterThan(0);
  });
});
