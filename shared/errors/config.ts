import type { ErrorDefinition } from './definition';

/**
 * The IT configuration (main/config): each problem found while loading it carries one of these
 * codes, the path of the field it is about and, where the field needs a more precise sentence,
 * its own message key. None is retryable by the user: IT fixes the file, the secret or the
 * certificate, then restarts the desk.
 */
export const CONFIG_ERRORS = {
  CONFIG_NOT_FOUND: { messageKey: 'errors.configNotFound', retryable: false },
  CONFIG_UNREADABLE: { messageKey: 'errors.configUnreadable', retryable: false },
  CONFIG_NOT_JSON: { messageKey: 'errors.configNotJson', retryable: false },
  CONFIG_FIELD_MISSING: { messageKey: 'errors.configFieldMissing', retryable: false },
  CONFIG_FIELD_INVALID: { messageKey: 'errors.configFieldInvalid', retryable: false },
  CONFIG_FIELD_UNKNOWN: { messageKey: 'errors.configFieldUnknown', retryable: false },
  CONFIG_ENV_INVALID: { messageKey: 'errors.configEnvInvalid', retryable: false },
  CONFIG_NOT_LOADED: { messageKey: 'errors.configNotLoaded', retryable: false },
  CONFIG_SECRET_MISSING: { messageKey: 'errors.configSecretMissing', retryable: false },
  CONFIG_SECRET_UNREADABLE: { messageKey: 'errors.configSecretUnreadable', retryable: false },
  CONFIG_KEYSTORE_UNAVAILABLE: { messageKey: 'errors.configKeystoreUnavailable', retryable: false },
  CONFIG_FILE_UNREADABLE: { messageKey: 'errors.configFileUnreadable', retryable: false },
  CONFIG_CA_INVALID: { messageKey: 'errors.configCaInvalid', retryable: false },
  CERT_NOT_PKCS12: { messageKey: 'errors.certNotPkcs12', retryable: false },
  CERT_WRONG_PASSWORD: { messageKey: 'errors.certWrongPassword', retryable: false },
  CERT_UNSUPPORTED_ENCRYPTION: { messageKey: 'errors.certUnsupportedEncryption', retryable: false },
  CERT_NO_KEY: { messageKey: 'errors.certNoKey', retryable: false },
  CERT_EXPIRED: { messageKey: 'errors.certExpired', retryable: false },
  CERT_NOT_YET_VALID: { messageKey: 'errors.certNotYetValid', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
