export { PACKAGED_VALUE_SETS, VALUE_SET_SOURCE_DIR, type PackagedValueSetName } from './catalogue';
export { loadAtStart, loadDepositValueSets, type ValueSetsAtStart } from './load';
export { defaultValueSetsDir, valueSetsDir } from './location';
export { depositTypeOffers } from './offers';
export { packValueSet, PackedValueSetSchema, type PackedValueSet } from './packed';
