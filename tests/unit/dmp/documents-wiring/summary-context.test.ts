import { describe, expect, it } from 'vitest';
import { depositContext } from '../../../../main/dmp/documents/context';
import { authorName, isSignatureEntry, toSummary } from '../../../../main/dmp/documents/summary';
import { vihfPractitioner } from '../../../../main/session/practitioner-session';
import { trainingDmpEndpoint } from '../../../../main/training/sim-data-config';

describe('document summaries', () => {
  it('names the author from the XCN, falling back to the id', () => {
    expect(authorName('899900063480^LIBRE^MAX^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS')).toBe('MAX LIBRE');
    expect(authorName('899900063480')).toBe('899900063480');
    expect(authorName(undefined)).toBeNull();
  });

  it('tells the XAdES signature entry of a deposit from a document', () => {
    const base = {
      entryUuid: 'urn:uuid:1',
      logicalId: 'urn:uuid:1',
      uniqueId: '1.2.3',
      status: 'approved',
      confidentiality: ['N'],
      authorPersons: [],
      authorInstitutions: [],
    } as const;
    const format = (code: string) => ({ code, codeSystem: 'x', displayName: code });
    expect(isSignatureEntry({ ...base, formatCode: format('http://www.w3.org/2000/09/xmldsig#') })).toBe(true);
    expect(isSignatureEntry({ ...base, formatCode: format('urn:ihe:iti:xds-sd:pdf:2008') })).toBe(false);
    expect(isSignatureEntry(base)).toBe(false);
  });

  it('keeps only DMP visibility codes and flags masking', () => {
    const summary = toSummary({
      entryUuid: 'urn:uuid:1',
      logicalId: 'urn:uuid:1',
      uniqueId: '1.2.3',
      status: 'approved',
      confidentiality: ['N', 'MASQUE_PS', 'INVISIBLE_PATIENT'],
      authorPersons: [],
      authorInstitutions: [],
    });
    expect(summary).toMatchObject({
      maskedToProfessionals: true,
      visibility: ['MASQUE_PS', 'INVISIBLE_PATIENT'],
      title: null,
      type: null,
      author: null,
    });
  });
});

describe('deposit context', () => {
  it('derives the CI-SIS author specialty from the CPS in the reader and the structure codes from the configuration', () => {
    const endpoint = trainingDmpEndpoint({
      baseUrl: 'https://127.0.0.1:1',
      caPem: '',
      auth: { certPem: '', keyPem: '' },
    });
    // The practitioner is the holder of the card in the reader, never a configured one.
    const practitioner = vihfPractitioner({
      nationalId: '899900063480',
      nationalIdType: '8',
      lastName: 'LIBRE',
      firstName: 'MAX',
      profession: '10',
      specialty: 'SM26',
    });
    const context = depositContext({ practitioner, structure: endpoint.structure });
    expect(context.author).toMatchObject({
      nationalId: '899900063480',
      family: 'LIBRE',
      given: 'MAX',
      specialty: { code: 'G15_10/SM26', codeSystem: '1.2.250.1.213.1.1.4.5' },
    });
    expect(context.structure).toMatchObject({
      id: '499900063480001',
      facilityType: { code: 'SA07', codeSystem: '1.2.250.1.71.4.2.4' },
    });
  });
});
