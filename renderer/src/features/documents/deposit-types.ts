/**
 * The document types the desk offers at deposit (LOINC, each mapped to a class by main): a short
 * list a general practice actually writes, not the whole DMP value set.
 */
const LOINC = '2.16.840.1.113883.6.1';

export const DEPOSIT_TYPES = [
  { code: '11488-4', codeSystem: LOINC, displayName: 'Compte rendu de consultation' },
  { code: '34133-9', codeSystem: LOINC, displayName: 'Synthèse d’épisode de soins' },
  { code: '57833-6', codeSystem: LOINC, displayName: 'Prescription de médicaments' },
  { code: '11502-2', codeSystem: LOINC, displayName: 'Compte rendu de biologie médicale' },
] as const;

export type DepositType = (typeof DEPOSIT_TYPES)[number];

/** Same cap as the contract: refused here first so a large file is never read into memory for nothing. */
export const MAX_PDF_BYTES = 5 * 1024 * 1024;
