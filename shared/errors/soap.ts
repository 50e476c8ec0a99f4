import type { ErrorDefinition } from './definition';

/** SOAP over HTTPS towards the national services: transport failures and generic faults. */
export const SOAP_ERRORS = {
  SOAP_FAULT: { messageKey: 'errors.soapFault', retryable: false },
  SOAP_INVALID_RESPONSE: { messageKey: 'errors.soapInvalidResponse', retryable: false },
  SERVICE_UNAVAILABLE: { messageKey: 'errors.serviceUnavailable', retryable: true },
  SERVICE_TIMEOUT: { messageKey: 'errors.serviceTimeout', retryable: true },
  SERVICE_HTTP_ERROR: { messageKey: 'errors.serviceHttpError', retryable: true },
  SERVICE_TLS_ERROR: { messageKey: 'errors.serviceTlsError', retryable: false },
} as const satisfies Record<string, ErrorDefinition>;
