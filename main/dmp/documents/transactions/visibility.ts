import { AppError } from '../../../../shared/errors';
import { childElements } from '../../../xml';
import {
  ACTION,
  applyVisibility,
  buildGetDocumentsByUuid,
  buildVisibilityUpdateFromEntry,
  parseDocumentEntry,
  parseQueryResponse,
  RIM,
  uuidUrn,
} from '../../xds';
import { isoBirthDate } from '../../pipeline';
import { metadataEntry } from '../../../sync/metadata-entry';
import type { DocumentCaller } from '../call';
import { visibilityTransaction } from './codes';
import type { DocumentTransaction } from './types';
import { checkUpdateAnswer } from './update-refusal';
import { updateSubmissionSet } from './update-submission';

/**
 * The entry's current ExtrinsicObject as the registry holds it. Main knows only part of a
 * document's metadata (another LPS may have written it), so the update is built from this.
 */
async function currentEntry(
  call: DocumentCaller,
  patient: { readonly matricule: string; readonly oid: string },
  entryUuid: string,
): Promise<Element> {
  const answer = await call({
    service: 'registry',
    action: ACTION.registryStoredQuery,
    patient,
    body: buildGetDocumentsByUuid([entryUuid]),
  });
  // Parsing first turns a Failure status or a malformed entry into its typed error.
  parseQueryResponse(answer.payload);
  const list = childElements(answer.payload, RIM, 'RegistryObjectList')[0];
  const entry = list && childElements(list, RIM, 'ExtrinsicObject').find((e) => e.getAttribute('id') === entryUuid);
  if (entry === undefined) throw new AppError('DOC_NOT_FOUND');
  return entry;
}

/**
 * TD3.3a/b: mask / unmask to professionals, hide from / show to the patient or the legal
 * representatives. The new version is a copy of the registry's current one, so the change is
 * built now, online: a registry out of reach fails the action with its own error and nothing is
 * kept (unlike a status change, it cannot be queued offline). Once built, its entryUUID minted,
 * the outbox sends it; after an unknown outcome the engine looks that entryUUID up first.
 */
export const changeDocumentVisibility: DocumentTransaction<'setVisibility'> = async (
  call,
  configured,
  request,
  tools,
) => {
  const registryEntry = await currentEntry(call, request.patient, request.entryUuid);
  const summary = parseDocumentEntry(registryEntry);
  // CX `id^^^&oid&ISO^NH`: an entry of another patient must never be rewritten under this one's id.
  const [id = '', , , authority = ''] = (summary.patientId ?? '').split('^');
  if (id !== request.patient.matricule || !authority.includes(`&${request.patient.oid}&`)) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'entry_patient' } });
  }
  if (summary.status !== 'approved') throw new AppError('DOC_STALE_VERSION', { details: { status: summary.status } });
  const visibility = applyVisibility(summary.confidentiality, {
    ...(request.add === undefined ? {} : { add: request.add }),
    ...(request.remove === undefined ? {} : { remove: request.remove }),
  });
  const before = applyVisibility(summary.confidentiality, {});
  if (visibility.length === before.length && visibility.every((code) => before.includes(code))) {
    // Nothing would change: a new metadata version would only add noise to the DMP's history.
    return { outcome: 'unchanged', uniqueId: summary.uniqueId, visibility };
  }
  const entryUuid = uuidUrn();
  const body = buildVisibilityUpdateFromEntry({
    submissionSet: updateSubmissionSet(configured, request.patient, 'Modification de la visibilité'),
    registryEntry,
    visibility,
    entryUuid,
  });
  if (tools.outbox !== undefined) {
    const entry = metadataEntry({
      kind: 'visibility',
      transaction: visibilityTransaction(request),
      patientId: request.patientId,
      ins: request.patient,
      patient: {
        family: request.traits.birthName,
        given: request.traits.firstNames[0] ?? '',
        birthDate: isoBirthDate(request.traits),
      },
      title: summary.title ?? '',
      documentId: summary.uniqueId,
      author: configured.practitioner,
      accessMode: configured.access?.mode ?? 'normal',
      emergencyReason: configured.access?.reason,
      body,
      check: { entryUuid },
      enqueuedAt: configured.now?.() ?? new Date(),
    });
    const { outcome, outboxId } = await tools.outbox.submit(entry);
    return { outcome, outboxId, uniqueId: summary.uniqueId, visibility };
  }
  const answer = await call({ service: 'registry', action: ACTION.updateDocumentSet, patient: request.patient, body });
  checkUpdateAnswer(answer.payload);
  return { outcome: 'sent', uniqueId: summary.uniqueId, visibility };
};
