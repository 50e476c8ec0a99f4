import type { CodedValue } from '../../../shared/domain/documents';

const CLASS_SYSTEM = '1.2.250.1.213.1.1.4.1';
const LOINC = '2.16.840.1.113883.6.1';
const TRE_A05 = '1.2.250.1.213.1.1.4.12';

/** TRE_A03 classes (JDV_J57) used by the mapping below. */
const CLASSES = {
  '10': 'Compte rendu',
  '11': 'Synthèse',
  '31': 'Imagerie médicale',
  '42': 'Prescription',
  '52': 'Certificat, déclaration',
  '90': 'Autres documents déposés par le patient',
} as const;

type ClassKey = keyof typeof CLASSES;

/**
 * typeCode → classCode for the types a desk deposits (ANS ConceptMap ASS_X04, read for these
 * entries only). A type absent from the map is refused rather than guessed: a wrong class hides the
 * document from the filters other professionals use.
 */
const TYPE_TO_CLASS: Readonly<Record<string, ClassKey>> = {
  [`${LOINC}|11488-4`]: '10',
  [`${LOINC}|11490-0`]: '10',
  [`${LOINC}|11502-2`]: '10',
  [`${LOINC}|15507-7`]: '10',
  [`${LOINC}|27899-4`]: '10',
  [`${LOINC}|34112-3`]: '10',
  [`${LOINC}|46241-6`]: '10',
  [`${LOINC}|18748-4`]: '31',
  [`${LOINC}|34133-9`]: '11',
  [`${LOINC}|60591-5`]: '11',
  [`${LOINC}|29551-9`]: '42',
  [`${LOINC}|57833-6`]: '42',
  [`${TRE_A05}|SYNTH`]: '11',
  [`${TRE_A05}|CERT_DECL`]: '52',
};

export function classCodeFor(typeCode: CodedValue): CodedValue | undefined {
  const key = TYPE_TO_CLASS[`${typeCode.codeSystem}|${typeCode.code}`];
  return key === undefined ? undefined : { code: key, codeSystem: CLASS_SYSTEM, displayName: CLASSES[key] };
}
