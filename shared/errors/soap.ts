import type { ErrorDefinition } from './definition';

/** SOAP over HTTPS towards the national services: transport failures and generic faults. */
export const SOAP_ERRORS = {
  SOAP_FAULT: { messageKey: 'errors.soapFault', retryable: false },
  SOAP_INVALID_RESPONSE: { messageKey: 'errors.soapInvalidResponse', retryable: false },
  /** An MTOM answer with more parts, or a larger part, than any service sends (details.limit). */
  SOAP_MTOM_TOO_COMPLEX: { messageKey: 'errors.soapMtomTooComplex', retryable: false },
  SERVICE_UNAVAILABLE: { messageKey: 'errors.serviceUnavailable', retryable: true },
  SERVICE_TIMEOUT: { messageKey: 'errors.serviceTimeout', retryable: true },
  SERVICE_HTTP_ERROR: { messageKey: 'errors.serviceHttpError', retryable: true },
  SERVICE_TLS_ERROR: { messageKey: 'errors.serviceTlsError', retryable: false },
  /** The clinic's HTTPS proxy answered CONNECT with anything but 2xx (details.status). */
  PROXY_REFUSED: { messageKey: 'errors.proxyRefused', retryable: true },
  /** The clinic's HTTPS proxy could not be reached (details.errno). */
  PROXY_UNREACHABLE: { messageKey: 'errors.proxyUnreachable', retryable: true },
} as const satisfies Record<string, ErrorDefinition>;
