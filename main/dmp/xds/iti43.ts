import { AppError } from '../../../shared/errors';
import { escapeXmlText, selectElements } from '../../xml';
import type { DecodedResponse } from '../../soap/content';
import { resolveXopContent } from '../../soap/mtom';
import { DMP_REPOSITORY_UNIQUE_ID, XDSB } from './constants';
import { failureError, registryErrors, responseStatus } from './registry-response';

/** TD3.2: the document is asked by its uniqueId (an OID), never by its entryUUID (XDSDocumentUniqueIdError). */
export function buildRetrieveDocument(uniqueId: string, repositoryUniqueId = DMP_REPOSITORY_UNIQUE_ID): string {
  if (uniqueId.startsWith('urn:uuid:')) throw new AppError('DOC_INVALID_INPUT', { details: { field: 'uniqueId' } });
  return (
    `<RetrieveDocumentSetRequest xmlns="${XDSB}"><DocumentRequest>` +
    `<RepositoryUniqueId>${escapeXmlText(repositoryUniqueId)}</RepositoryUniqueId>` +
    `<DocumentUniqueId>${escapeXmlText(uniqueId)}</DocumentUniqueId>` +
    `</DocumentRequest></RetrieveDocumentSetRequest>`
  );
}

export interface RetrievedDocument {
  readonly repositoryUniqueId: string;
  readonly uniqueId: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

const xdsb = (name: string): string => `*[local-name()='${name}' and namespace-uri()='${XDSB}']`;
const textOf = (parent: Element, name: string): string =>
  (selectElements(parent, xdsb(name))[0]?.textContent ?? '').trim();

/** Parses a RetrieveDocumentSetResponse (the SOAP body's child), resolving XOP parts from the MTOM message. */
export function parseRetrieveResponse(response: Element, message: DecodedResponse): RetrievedDocument[] {
  if (response.namespaceURI !== XDSB || response.localName !== 'RetrieveDocumentSetResponse') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_retrieve_response' } });
  }
  const registryResponse = selectElements(response, "*[local-name()='RegistryResponse']")[0];
  if (registryResponse === undefined)
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'no_registry_response' } });
  const errors = registryErrors(registryResponse);
  if (responseStatus(registryResponse) === 'failure') throw failureError(errors);
  return selectElements(response, xdsb('DocumentResponse')).map((documentResponse) => {
    const document = selectElements(documentResponse, xdsb('Document'))[0];
    const uniqueId = textOf(documentResponse, 'DocumentUniqueId');
    if (document === undefined || uniqueId === '') {
      throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'document_response' } });
    }
    return {
      repositoryUniqueId: textOf(documentResponse, 'RepositoryUniqueId'),
      uniqueId,
      mimeType: textOf(documentResponse, 'mimeType'),
      content: resolveXopContent(document, message),
    };
  });
}
