export { buildCdaN1, type BuiltCda } from './build';
export { hl7Timestamp, xdsTimestamp } from './time';
export { N1_MEDIA_TYPES, type CdaN1Input, type N1MediaType, type ReplacedDocument } from './types';
