import { AppError } from '../../../shared/errors';
import { selectElements } from '../../xml';
import { RESPONSE_STATUS, RS } from './constants';

export interface RegistryError {
  readonly errorCode: string;
  readonly severity: 'error' | 'warning';
  /** Kept out of logs and error details: the DMP may quote identifiers or document content here. */
  readonly codeContext: string;
}

export type RegistryStatus = 'success' | 'partialSuccess' | 'failure';

const rs = (name: string): string => `*[local-name()='${name}' and namespace-uri()='${RS}']`;

export function responseStatus(element: Element): RegistryStatus {
  const status = element.getAttribute('status') ?? '';
  if (status === RESPONSE_STATUS.success) return 'success';
  if (status === RESPONSE_STATUS.partialSuccess) return 'partialSuccess';
  if (status === RESPONSE_STATUS.failure) return 'failure';
  throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'status' } });
}

export function registryErrors(element: Element): RegistryError[] {
  return selectElements(element, `${rs('RegistryErrorList')}/${rs('RegistryError')}`).map((error) => ({
    errorCode: error.getAttribute('errorCode') ?? '',
    severity: /Warning$/.test(error.getAttribute('severity') ?? '') ? 'warning' : 'error',
    codeContext: error.getAttribute('codeContext') ?? '',
  }));
}

/**
 * A failed registry answer as one typed error. The XDS/DMP errorCode is a stable token of the
 * service, safe for details; the codeContext is not (it may name the patient or the document).
 */
export function failureError(errors: readonly RegistryError[]): AppError {
  const first = errors.find((e) => e.severity === 'error') ?? errors[0];
  const errorCode = first?.errorCode ?? 'unknown';
  const code = errorCode === 'XDSDocumentUniqueIdError' ? 'DOC_NOT_FOUND' : 'DOC_REGISTRY_ERROR';
  return new AppError(code, { details: { errorCode: errorCode.slice(0, 80), count: errors.length } });
}

/** The RegistryResponse of ITI-41 / ITI-57: resolves on Success, throws the typed failure otherwise. */
export function checkRegistryResponse(response: Element): { warnings: RegistryError[] } {
  const errors = registryErrors(response);
  if (responseStatus(response) !== 'success') throw failureError(errors);
  return { warnings: errors.filter((e) => e.severity === 'warning') };
}

/** Finds the one RegistryResponse in a SOAP body, wherever the operation wrapper puts it. */
export function findRegistryResponse(body: Element): Element {
  const response =
    body.namespaceURI === RS && body.localName === 'RegistryResponse'
      ? body
      : selectElements(body, `.//${rs('RegistryResponse')}`)[0];
  if (response === undefined)
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'no_registry_response' } });
  return response;
}
