import type { DepositValueSets } from '../xds/value-sets';

/**
 * The DMP metadata value sets the desk ships, each packed from one ANS SVS file of the CI-SIS
 * jeuxDeValeurs into one JSON file of `resources/value-sets/`.
 */
export const PACKAGED_VALUE_SETS = {
  typeCode: { source: 'JDV_J07_XdsTypeCode_CISIS.xml', file: 'jdv-j07-type-code.json' },
  healthcareFacilityTypeCode: {
    source: 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml',
    file: 'jdv-j02-healthcare-facility-type-code.json',
  },
  practiceSettingCode: {
    source: 'JDV_J04_XdsPracticeSettingCode_CISIS.xml',
    file: 'jdv-j04-practice-setting-code.json',
  },
  authorSpecialty: { source: 'JDV_J01_XdsAuthorSpecialty_CISIS.xml', file: 'jdv-j01-author-specialty.json' },
} as const satisfies Record<keyof DepositValueSets, { readonly source: string; readonly file: string }>;

export type PackagedValueSetName = keyof typeof PACKAGED_VALUE_SETS;

/** Where the ANS files sit inside the shared CDA vectors (the generator's input). */
export const VALUE_SET_SOURCE_DIR = ['cda', 'jeuxDeValeurs'] as const;
