import { SIGNATURE_CLASS_CODE } from './constants';
import { FACILITY_TYPE_CODES, PRACTICE_SETTING_CODES, TYPE_CODES } from './value-set-codes';

type ValueSet = Readonly<Record<string, readonly string[]>>;

/** classCode, JDV_J57 (TRE_A03), plus the signature document class (dmp-interface.md §5, §6). */
const CLASS_CODES: ValueSet = {
  '1.2.250.1.213.1.1.4.1': ['10', '11', '31', '42', '43', '44', '45', '52', '60', '90', '95'],
  URN: [SIGNATURE_CLASS_CODE],
};

/** formatCode, JDV_J60 (dmp-interface.md §6), plus the XML-DSig format of the signature document. */
const FORMAT_CODES: ValueSet = {
  '1.3.6.1.4.1.19376.1.2.3': [
    'urn:ihe:iti:xds-sd:pdf:2008',
    'urn:ihe:iti:xds-sd:text:2008',
    'urn:ihe:iti-fr:xds-sd:jpeg:2010',
    'urn:ihe:iti-fr:xds-sd:rtf:2010',
    'urn:ihe:iti-fr:xds-sd:tiff:2010',
    'urn:ihe:lab:xd-lab:2008',
    'urn:asip:ci-sis:vsm:2012',
    'urn:asip:ci-sis:ldl-ses:2017',
    'urn:asip:ci-sis:ldl-ees:2017',
    'urn:ihe:pcc:ips:2020',
    'urn:asip:ci-sis:vac-note:2021',
    'urn:ihe:qrph:hbs:2009',
  ],
  URN: ['http://www.w3.org/2000/09/xmldsig#'],
};

/** confidentialityCode, JDV_J58: N always, plus the DMP's TRE_A07 codes. */
const CONFIDENTIALITY_CODES: ValueSet = {
  '2.16.840.1.113883.5.25': ['N'],
  '1.2.250.1.213.1.1.4.13': ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
};

/**
 * typeCodes dmp-interface.md §6 lists for the DMP (JDV_J66) that the CI-SIS J07 snapshot in the
 * vectors no longer carries; the official TD2.1 example uses 27899-4.
 */
const DMP_ONLY_TYPE_CODES = [
  '11488-4',
  '11490-0',
  '11502-2',
  '15507-7',
  '18748-4',
  '27899-4',
  '34133-9',
  '29551-9',
  '46241-6',
];
const LOINC = '2.16.840.1.113883.6.1';

const ALL_TYPE_CODES: ValueSet = {
  ...TYPE_CODES,
  [LOINC]: [...new Set([...(TYPE_CODES[LOINC] ?? []), ...DMP_ONLY_TYPE_CODES])],
};

export const VALUE_SETS = {
  classCode: CLASS_CODES,
  typeCode: ALL_TYPE_CODES,
  formatCode: FORMAT_CODES,
  confidentialityCode: CONFIDENTIALITY_CODES,
  healthcareFacilityTypeCode: FACILITY_TYPE_CODES,
  practiceSettingCode: PRACTICE_SETTING_CODES,
} as const;

export type CodedMetadata = keyof typeof VALUE_SETS;

export function inValueSet(metadata: CodedMetadata, code: string, codingScheme: string): boolean {
  return VALUE_SETS[metadata][codingScheme]?.includes(code) ?? false;
}
