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
} from '../../xds';
import type { DocumentCaller } from '../call';
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

/** TD3.3a/b: mask / unmask to professionals, hide from / show to the patient or the legal representatives. */
export const changeDocumentVisibility: DocumentTransaction<'setVisibility'> = async (call, configured, request) => {
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
    return { done: true, visibility };
  }
  const body = buildVisibilityUpdateFromEntry({
    submissionSet: updateSubmissionSet(configured, request.patient, 'Modification de la visibilité'),
    registryEntry,
    visibility,
  });
  const answer = await call({ service: 'registry', action: ACTION.updateDocumentSet, patient: request.patient, body });
  checkUpdateAnswer(answer.payload);
  return { done: true, visibility };
};
