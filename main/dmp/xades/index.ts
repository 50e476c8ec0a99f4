export { canonicalDocumentDigest, C14N_WITH_COMMENTS } from './canonical';
export { PURPOSE_OF_SIGNATURE, signXades, type ManifestEntry, type XadesInput } from './sign';
