import type { ErrorDefinition } from './definition';

/** Who is at the desk: the practitioner session (the CPS in a reader) and the patient sessions. */
export const SESSION_ERRORS = {
  /** A call to the DMP needs a practitioner: a CPS in a reader (or the establishment certificate, where configured). */
  SESSION_PRACTITIONER_REQUIRED: { messageKey: 'errors.sessionPractitionerRequired', retryable: true },
} as const satisfies Record<string, ErrorDefinition>;
