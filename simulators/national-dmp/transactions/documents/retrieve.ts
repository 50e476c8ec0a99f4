import { randomUUID } from 'node:crypto';
import { childElements, textOf, firstChild, xmlEscape } from '../../../xml/safe-xml';
import type { HandlerResult, RequestContext } from '../../context';
import type { OutgoingAttachment } from '../../mtom';
import { canSee } from '../../xds/document-rights';
import { DMP_REPOSITORY_ID, RESPONSE_STATUS, XDS_NS } from '../../xds/constants';
import { RegistryFailure, registryErrorListXml, RS_NAMESPACES, XDS_ERRORS } from '../../xds/registry-errors';
import { answering, documentAccess, traceDocument } from './common';

const answer = (inner: string, attachments: readonly OutgoingAttachment[] = []): HandlerResult => ({
  ns1: XDS_NS.xdsb,
  body: `<ns4:RetrieveDocumentSetResponse ${RS_NAMESPACES}>${inner}</ns4:RetrieveDocumentSetResponse>`,
  attachments,
});

/** TD3.2: ITI-43 Retrieve Document Set, by uniqueId (never the entryUUID), answered over MTOM. */
export function handleRetrieve(context: RequestContext): HandlerResult {
  return answering(
    () => retrieve(context),
    (failure) =>
      answer(
        `<ns2:RegistryResponse status="${RESPONSE_STATUS.failure}">${registryErrorListXml(failure.errors)}</ns2:RegistryResponse>`,
      ),
  );
}

function retrieve(context: RequestContext): HandlerResult {
  const requests = childElements(context.request.operation, XDS_NS.xdsb, 'DocumentRequest').map((request) => ({
    repository: textOf(firstChild(request, XDS_NS.xdsb, 'RepositoryUniqueId')) ?? '',
    uniqueId: textOf(firstChild(request, XDS_NS.xdsb, 'DocumentUniqueId')) ?? '',
  }));
  if (requests.length === 0) throw new RegistryFailure(XDS_ERRORS.uniqueIdError, 'DocumentRequest');
  const nir = context.claims.patient?.nir;
  if (nir === undefined) throw new RegistryFailure(XDS_ERRORS.unknownPatient, 'resource-id');
  for (const request of requests) {
    if (request.repository !== DMP_REPOSITORY_ID) {
      throw new RegistryFailure(XDS_ERRORS.unknownRepository, `repositoryUniqueId=${request.repository}`);
    }
  }
  const access = documentAccess(context, 'TD3.2', nir, requests[0]?.uniqueId);
  const store = context.store.documents;
  const parts: string[] = [];
  const attachments: OutgoingAttachment[] = [];
  requests.forEach((request, index) => {
    const entry = store.entryByUniqueId(request.uniqueId);
    const content = store.getContent(request.uniqueId);
    // A document of another patient, or one the caller may not see, is answered as unknown: no oracle.
    if (entry === undefined || content === undefined || entry.nir !== nir || !canSee(entry, access.caller)) {
      throw new RegistryFailure(XDS_ERRORS.uniqueIdError, `uniqueId=${request.uniqueId}`);
    }
    if (index > 0) traceDocument(context, access, 'TD3.2', request.uniqueId);
    const contentId = `${randomUUID()}-${index + 1}@urn%3Aihe%3Aiti%3Axds-b%3A2007`;
    attachments.push({
      contentId: decodeURIComponent(contentId),
      contentType: content.mimeType,
      data: content.content,
    });
    parts.push(
      `<ns4:DocumentResponse><ns4:RepositoryUniqueId>${DMP_REPOSITORY_ID}</ns4:RepositoryUniqueId>` +
        `<ns4:DocumentUniqueId>${xmlEscape(request.uniqueId)}</ns4:DocumentUniqueId>` +
        `<ns4:mimeType>${xmlEscape(content.mimeType)}</ns4:mimeType>` +
        `<ns4:Document><xop:Include href="cid:${xmlEscape(contentId)}" xmlns:xop="${XDS_NS.xop}"/></ns4:Document>` +
        `</ns4:DocumentResponse>`,
    );
  });
  return answer(`<ns2:RegistryResponse status="${RESPONSE_STATUS.success}"/>${parts.join('')}`, attachments);
}
