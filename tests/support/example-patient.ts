/**
 * LAURENCE PATB-QUATRE, the patient of the official DMP examples (test INS OID), seeded in the
 * simulator with an active DMP on which the example doctor is authorized and médecin traitant.
 */
export const EXAMPLE_PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;

/** Her INS traits as a deposit's CDA header carries them. */
export const EXAMPLE_PATIENT_TRAITS = {
  birthFamily: 'PATB-QUATRE',
  givenNames: 'LAURENCE',
  sex: 'F',
  birthDate: '1907-05-25',
  birthPlaceCode: '75056',
} as const;

/** A consultation report, as the DMP value set JDV_J07 names it. */
export const CONSULTATION_TYPE = {
  code: '11488-4',
  codeSystem: '2.16.840.1.113883.6.1',
  displayName: 'CR ou fiche de consultation ou de visite',
} as const;

/** A small PDF, distinct per label, base64 as `documents.deposit` takes it. */
export const pdfBase64 = (label: string): string =>
  Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`, 'latin1').toString('base64');
