import type { ErrorDefinition } from './definition';

/** NIR, INS-C, INSi and the identity record. */
export const IDENTITY_ERRORS = {
  NIR_MALFORMED: { messageKey: 'errors.nirMalformed', retryable: false },
  NIR_INVALID_KEY: { messageKey: 'errors.nirInvalidKey', retryable: false },
  INSC_NO_OWN_NIR: { messageKey: 'errors.inscNoOwnNir', retryable: false },
  INSC_NIR_NOT_ELIGIBLE: { messageKey: 'errors.inscNirNotEligible', retryable: false },
  INSC_INVALID_INPUT: { messageKey: 'errors.inscInvalidInput', retryable: false },
  INSI_NOT_CONFIGURED: { messageKey: 'errors.insiNotConfigured', retryable: false },
  INSI_NO_MATCH: { messageKey: 'errors.insiNoMatch', retryable: false },
  INSI_MULTIPLE_MATCHES: { messageKey: 'errors.insiMultipleMatches', retryable: false },
  INSI_UNAVAILABLE: { messageKey: 'errors.insiUnavailable', retryable: true },
  INSI_FAULT: { messageKey: 'errors.insiFault', retryable: false },
  INSI_INVALID_RESPONSE: { messageKey: 'errors.insiInvalidResponse', retryable: false },
  INSI_INVALID_TRAITS: { messageKey: 'errors.insiInvalidTraits', retryable: false },
  INSI_VITALE_NIR_MISSING: { messageKey: 'errors.insiVitaleNirMissing', retryable: false },
  IDENTITY_NOT_FOUND: { messageKey: 'errors.identityNotFound', retryable: false },
  IDENTITY_DOCUMENT_NOT_ALLOWED: { messageKey: 'errors.identityDocumentNotAllowed', retryable: false },
  IDENTITY_NOT_QUALIFIED: { messageKey: 'errors.identityNotQualified', retryable: false },
  IDENTITY_TRAITS_MISSING: { messageKey: 'errors.identityTraitsMissing', retryable: false },
  IDENTITY_DOUBTFUL: { messageKey: 'errors.identityDoubtful', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
