import type { ErrorDefinition } from './definition';

/** The desk's local audit trail of DMP transactions (main/audit). */
export const AUDIT_ERRORS = {
  /** An entry could not be made durable (full disk, I/O); it is kept in memory and retried. */
  AUDIT_WRITE_FAILED: { messageKey: 'errors.auditWriteFailed', retryable: true },
  /** The journal file exists but cannot be read. */
  AUDIT_READ_FAILED: { messageKey: 'errors.auditReadFailed', retryable: true },
  /** The pseudonym key beside the journal is unreadable or not a key this desk wrote. */
  AUDIT_KEY_INVALID: { messageKey: 'errors.auditKeyInvalid', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
