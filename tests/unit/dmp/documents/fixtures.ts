import type { CdaN1Input } from '../../../../main/dmp/cda';
import type { DocumentAuthor, DocumentPatient, DocumentStructure } from '../../../../shared/domain/documents';

/** Test identities of the official samples (INS-NIR test authority .10, demo PS and structure). */
export const PATIENT: DocumentPatient = {
  ins: { root: '1.2.250.1.213.1.4.10', extension: '279035121518989' },
  localId: { root: '1.2.250.1.999.1.1.7898.2', extension: '0456789999' },
  birthFamily: 'PAT-TROIS',
  givenNames: 'DOMINIQUE MARIE-LOUISE',
  sex: 'F',
  birthDate: '19790328',
  birthPlaceCode: '88150',
};

export const AUTHOR: DocumentAuthor = {
  nationalId: '899900063480',
  family: 'LIBRE',
  given: 'MAX',
  specialty: {
    code: 'G15_10/SM26',
    codeSystem: '1.2.250.1.213.1.1.4.5',
    displayName: 'Qualifié en Médecine Générale (SM)',
  },
};

export const STRUCTURE: DocumentStructure = {
  id: '499900063480001',
  name: 'CABINET DR LIBRE & ASSOCIÉS',
  facilityType: { code: 'SA07', codeSystem: '1.2.250.1.71.4.2.4', displayName: 'Cabinet individuel' },
  practiceSetting: { code: 'AMBULATOIRE', codeSystem: '1.2.250.1.213.1.1.4.9', displayName: 'Ambulatoire' },
};

/** A small but real PDF (the header is what the rules check; the body is an opaque blob). */
export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export const CONSULTATION_REPORT = {
  code: '11488-4',
  codeSystem: '2.16.840.1.113883.6.1',
  displayName: 'Compte rendu de consultation',
} as const;

export function cdaInput(overrides: Partial<CdaN1Input> = {}): CdaN1Input {
  return {
    uniqueId: '1.2.250.1.999.1.1.7898.4.1001',
    title: 'Compte rendu de consultation',
    typeCode: CONSULTATION_REPORT,
    effectiveTime: new Date('2026-11-22T10:00:00Z'),
    serviceStart: new Date('2026-11-22T09:30:00Z'),
    serviceStop: new Date('2026-11-22T09:50:00Z'),
    patient: PATIENT,
    author: AUTHOR,
    structure: STRUCTURE,
    body: { mediaType: 'application/pdf', content: PDF },
    ...overrides,
  };
}
