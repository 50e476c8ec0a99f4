import type { ErrorDefinition } from './definition';

/**
 * Application updates (main/update). Every refusal has its own code so IT can tell from the log
 * whether the server was down (retry later) or the release was refused (never installed).
 */
export const UPDATE_ERRORS = {
  UPDATE_NOT_CONFIGURED: { messageKey: 'errors.updateNotConfigured', retryable: false },
  UPDATE_SERVER_UNREACHABLE: { messageKey: 'errors.updateServerUnreachable', retryable: true },
  UPDATE_METADATA_INVALID: { messageKey: 'errors.updateMetadataInvalid', retryable: false },
  UPDATE_SIGNATURE_INVALID: { messageKey: 'errors.updateSignatureInvalid', retryable: false },
  UPDATE_HASH_MISMATCH: { messageKey: 'errors.updateHashMismatch', retryable: false },
  UPDATE_VERSION_MISMATCH: { messageKey: 'errors.updateVersionMismatch', retryable: false },
  UPDATE_DOWNGRADE_REFUSED: { messageKey: 'errors.updateDowngradeRefused', retryable: false },
  UPDATE_NOT_DOWNLOADED: { messageKey: 'errors.updateNotDownloaded', retryable: false },
  UPDATE_CONSULTATION_OPEN: { messageKey: 'errors.updateConsultationOpen', retryable: true },
} as const satisfies Record<string, ErrorDefinition>;
