import type { ErrorDefinition } from './definition';

/** DMP documents: building a deposit (CDA, XDS metadata, XAdES, MTOM) and reading registry answers. */
export const DOCUMENT_ERRORS = {
  DOC_INVALID_INPUT: { messageKey: 'errors.docInvalidInput', retryable: false },
  DOC_CODE_NOT_IN_VALUE_SET: { messageKey: 'errors.docCodeNotInValueSet', retryable: false },
  DOC_SIGNATURE_FAILED: { messageKey: 'errors.docSignatureFailed', retryable: true },
  DOC_REGISTRY_ERROR: { messageKey: 'errors.docRegistryError', retryable: false },
  DOC_NOT_FOUND: { messageKey: 'errors.docNotFound', retryable: false },
  DOC_INVALID_RESPONSE: { messageKey: 'errors.docInvalidResponse', retryable: false },
  DOC_ATTACHMENT_MISSING: { messageKey: 'errors.docAttachmentMissing', retryable: false },
  /** A structured CDA too deep or too large to show safely (details.limit says which bound). */
  DOC_CDA_TOO_COMPLEX: { messageKey: 'errors.docCdaTooComplex', retryable: false },
  /** The entry changed (new metadata version, replacement, status) since the list was read. */
  DOC_STALE_VERSION: { messageKey: 'errors.docStaleVersion', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
