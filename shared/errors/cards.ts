import type { ErrorDefinition } from './definition';

/** PC/SC, card readers, carte Vitale and CPS. */
export const CARD_ERRORS = {
  PCSC_UNAVAILABLE: { messageKey: 'errors.pcscUnavailable', retryable: true },
  CARD_READER_NOT_FOUND: { messageKey: 'errors.cardReaderNotFound', retryable: false },
  CARD_ABSENT: { messageKey: 'errors.cardAbsent', retryable: true },
  CARD_REMOVED: { messageKey: 'errors.cardRemoved', retryable: true },
  CARD_UNSUPPORTED: { messageKey: 'errors.cardUnsupported', retryable: false },
  CARD_WRONG_KIND: { messageKey: 'errors.cardWrongKind', retryable: false },
  CARD_MALFORMED_RESPONSE: { messageKey: 'errors.cardMalformedResponse', retryable: true },
  CARD_UNEXPECTED_STATUS: { messageKey: 'errors.cardUnexpectedStatus', retryable: true },
  CARD_TIMEOUT: { messageKey: 'errors.cardTimeout', retryable: true },
  CARD_IO: { messageKey: 'errors.cardIo', retryable: true },
  PIN_FORMAT: { messageKey: 'errors.pinFormat', retryable: false },
  PIN_WRONG: { messageKey: 'errors.pinWrong', retryable: false },
  PIN_BLOCKED: { messageKey: 'errors.pinBlocked', retryable: false },
  PIN_REQUIRED: { messageKey: 'errors.pinRequired', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
