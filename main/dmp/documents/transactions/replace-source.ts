import { AppError } from '../../../../shared/errors';
import { childElements, NS } from '../../../xml';
import type { ReplacedDocument } from '../../cda';
import { parseReceivedCda } from '../../cda/received';
import type { DocumentCaller } from '../call';
import { fetchDocument } from './fetch-document';

const OID = /^[0-2](\.[0-9]+)+$/;

/**
 * setId and versionNumber of a received CDA R2 header. Both are optional in CDA R2 but go
 * together: a document without them (the official TD2.1 sample is one) is the first version of a
 * set named by its own id.
 */
export function replacedVersion(
  cdaBytes: Buffer,
  uniqueId: string,
): { readonly setId: string; readonly versionNumber: number } {
  const root = parseReceivedCda(cdaBytes);
  // The repository must answer the very document asked for: its CDA id is the XDS uniqueId.
  if (childElements(root, NS.hl7, 'id')[0]?.getAttribute('root') !== uniqueId) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'replaced_id' } });
  }
  const setId = childElements(root, NS.hl7, 'setId')[0]?.getAttribute('root') ?? undefined;
  const version = childElements(root, NS.hl7, 'versionNumber')[0]?.getAttribute('value') ?? undefined;
  if (setId === undefined && version === undefined) return { setId: uniqueId, versionNumber: 1 };
  if (setId === undefined || version === undefined || !OID.test(setId) || !/^[1-9][0-9]{0,8}$/.test(version)) {
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
  const content = await fetchDocument(call, patient, replaces.uniqueId);
  const { setId, versionNumber } = replacedVersion(content, replaces.uniqueId);
  return { uniqueId: replaces.uniqueId, setId, versionNumber, entryUuid: replaces.entryUuid };
}
