import type { ErrorDefinition } from './definition';

/** The national DMP service, patient level (TD0.x, TD1.x): its own refusals, mapped to stable codes. */
export const DMP_ERRORS = {
  DMP_NOT_CONFIGURED: { messageKey: 'errors.dmpNotConfigured', retryable: false },
  DMP_NOT_FOUND: { messageKey: 'errors.dmpNotFound', retryable: false },
  DMP_CLOSED: { messageKey: 'errors.dmpClosed', retryable: false },
  DMP_ALREADY_EXISTS: { messageKey: 'errors.dmpAlreadyExists', retryable: false },
  DMP_ACCESS_DENIED: { messageKey: 'errors.dmpAccessDenied', retryable: false },
  DMP_PROFESSIONAL_BLOCKED: { messageKey: 'errors.dmpProfessionalBlocked', retryable: false },
  DMP_PATIENT_OPPOSED: { messageKey: 'errors.dmpPatientOpposed', retryable: false },
  DMP_EMERGENCY_REASON_REQUIRED: { messageKey: 'errors.dmpEmergencyReasonRequired', retryable: false },
  DMP_EMERGENCY_SESSION_UNKNOWN: { messageKey: 'errors.dmpEmergencySessionUnknown', retryable: false },
  DMP_INVALID_CERTIFICATE: { messageKey: 'errors.dmpInvalidCertificate', retryable: false },
  DMP_INVALID_VIHF: { messageKey: 'errors.dmpInvalidVihf', retryable: false },
  DMP_INS_MISMATCH: { messageKey: 'errors.dmpInsMismatch', retryable: false },
  DMP_CREATION_REFUSED: { messageKey: 'errors.dmpCreationRefused', retryable: false },
  DMP_CONSENT_REQUIRED: { messageKey: 'errors.dmpConsentRequired', retryable: false },
  DMP_ATTACHED_TO_MES: { messageKey: 'errors.dmpAttachedToMes', retryable: false },
  DMP_REJECTED: { messageKey: 'errors.dmpRejected', retryable: false },
  DMP_UNEXPECTED_RESPONSE: { messageKey: 'errors.dmpUnexpectedResponse', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
