import type { ErrorDefinition } from './definition';

/** Transport, contract, settings and local files. */
export const CORE_ERRORS = {
  IPC_UNKNOWN_CHANNEL: { messageKey: 'errors.ipcUnknownChannel', retryable: false },
  IPC_INVALID_REQUEST: { messageKey: 'errors.ipcInvalidRequest', retryable: false },
  IPC_INVALID_RESPONSE: { messageKey: 'errors.internal', retryable: false },
  IPC_FORBIDDEN_SENDER: { messageKey: 'errors.ipcForbiddenSender', retryable: false },
  TRANSPORT_DISCONNECTED: { messageKey: 'errors.transportDisconnected', retryable: true },
  TRANSPORT_UNAUTHORIZED: { messageKey: 'errors.transportUnauthorized', retryable: false },
  INTERNAL_ERROR: { messageKey: 'errors.internal', retryable: false },
  SETTINGS_INVALID: { messageKey: 'errors.settingsInvalid', retryable: false },
  STORAGE_FULL: { messageKey: 'errors.storageFull', retryable: true },
  STORAGE_IO: { messageKey: 'errors.storageIo', retryable: true },
} as const satisfies Record<string, ErrorDefinition>;
