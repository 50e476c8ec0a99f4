import type { ErrorDefinition } from './definition';

/** XML received from outside (national services, files): refused before it can hurt. */
export const XML_ERRORS = {
  XML_HOSTILE: { messageKey: 'errors.xmlHostile', retryable: false },
  XML_MALFORMED: { messageKey: 'errors.xmlMalformed', retryable: false },
  /** Nesting, element or attribute count beyond budget (details.limit), refused before any parser ran. */
  XML_TOO_COMPLEX: { messageKey: 'errors.xmlTooComplex', retryable: false },
  XML_TOO_LARGE: { messageKey: 'errors.xmlTooLarge', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
