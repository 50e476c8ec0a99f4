import { AppError } from '../../../../shared/errors';
import { NS, parseXmlSafely, selectElement } from '../../../xml';
import type { ReplacedDocument } from '../../cda';
import { ACTION, buildRetrieveDocument, parseRetrieveResponse } from '../../xds';
import type { DocumentCaller } from '../call';

const OID = /^[0-2](\.[0-9]+)+$/;
const hl7 = (name: string): string => `*[local-name()='${name}' and namespace-uri()='${NS.hl7}']`;

/** setId and versionNumber of a CDA R2 header; the CDA came from outside, so the DOCTYPE-refusing parser reads it. */
export function replacedVersion(cdaBytes: Buffer): { readonly setId: string; readonly versionNumber: number } {
  const root = parseXmlSafely(cdaBytes.toString('utf8')).documentElement;
  if (root === null || root.namespaceURI !== NS.hl7 || root.localName !== 'ClinicalDocument') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_cda' } });
  }
  const setId = selectElement(root, hl7('setId'))?.getAttribute('root') ?? '';
  const version = selectElement(root, hl7('versionNumber'))?.getAttribute('value') ?? '';
  // The CI-SIS header makes both mandatory: a replacement cannot cite a version it cannot name.
  if (!OID.test(setId) || !/^[1-9][0-9]{0,8}$/.test(version)) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'replaced_version' } });
  }
  return { setId, versionNumber: Number(version) };
}

/**
 * RPLC: the replaced version as the new CDA must cite it. Its setId and versionNumber are read
 * from its own CDA header (ITI-43), never taken from the renderer.
 */
export async function readReplacedDocument(
  call: DocumentCaller,
  patient: { readonly matricule: string; readonly oid: string },
  replaces: { readonly entryUuid: string; readonly uniqueId: string },
): Promise<ReplacedDocument> {
  const answer = await call({
    service: 'repository',
    action: ACTION.retrieveDocumentSet,
    patient,
    body: buildRetrieveDocument(replaces.uniqueId),
  });
  const document = parseRetrieveResponse(answer.payload, answer.message).find((d) => d.uniqueId === replaces.uniqueId);
  if (document === undefined) throw new AppError('DOC_NOT_FOUND');
  const { setId, versionNumber } = replacedVersion(document.content);
  return { uniqueId: replaces.uniqueId, setId, versionNumber, entryUuid: replaces.entryUuid };
}
