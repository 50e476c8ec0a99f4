import type { ErrorDefinition } from './definition';

/** Who may reach which document, and with which code tables: emergency sessions and packaged value sets. */
export const DOCUMENT_ACCESS_ERRORS = {
  DMP_EMERGENCY_SESSION_OTHER_PATIENT: { messageKey: 'errors.dmpEmergencySessionOtherPatient', retryable: false },
  VALUE_SETS_UNAVAILABLE: { messageKey: 'errors.valueSetsUnavailable', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
