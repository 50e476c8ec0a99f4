import type { ErrorDefinition } from './definition';

/** The encrypted local store (main/store) and the key that opens it. */
export const STORE_ERRORS = {
  /** The key does not open the database (another desk's file, a changed passphrase, a replaced key file). */
  STORE_WRONG_KEY: { messageKey: 'errors.storeWrongKey', retryable: false },
  /** The database file is damaged; it is left exactly as found for IT to inspect or restore. */
  STORE_CORRUPT: { messageKey: 'errors.storeCorrupt', retryable: false },
  /** The disk (or the database's size limit) is full; nothing already written is lost. */
  STORE_DISK_FULL: { messageKey: 'errors.storeDiskFull', retryable: true },
  /** Other I/O failures of the store (permissions, a vanished folder). */
  STORE_IO: { messageKey: 'errors.storeIo', retryable: true },
  /** No OS keystore (or Linux basic_text) and the configuration does not enable the passphrase mode. */
  STORE_KEYSTORE_UNAVAILABLE: { messageKey: 'errors.storeKeystoreUnavailable', retryable: false },
  /** Passphrase mode is enabled but no passphrase was given (DMP_DESK_STORE_PASSPHRASE). */
  STORE_PASSPHRASE_MISSING: { messageKey: 'errors.storePassphraseMissing', retryable: false },
  /** The store was closed (the desk is quitting), or its worker stopped. */
  STORE_CLOSED: { messageKey: 'errors.storeClosed', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
