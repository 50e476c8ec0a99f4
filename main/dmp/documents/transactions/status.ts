import { ACTION, buildStatusUpdate, checkRegistryResponse, findRegistryResponse } from '../../xds';
import { uuidOid } from '../../xds/ids';
import { depositContext } from '../context';
import { queryPatient } from './query-patient';
import type { DocumentTransaction } from './types';

/** TD3.3c/d: ITI-57 UpdateAvailabilityStatus of one entry. */
export const changeDocumentStatus: DocumentTransaction<'setStatus'> = async (call, configured, request) => {
  const context = depositContext(configured);
  const body = buildStatusUpdate({
    submissionSet: {
      id: 'SubmissionSet01',
      uniqueId: uuidOid(),
      sourceId: configured.software.senderOid,
      submissionTime: configured.now?.() ?? new Date(),
      title: request.change === 'archive' ? 'Archivage' : 'Désarchivage',
      contentType: context.contentType,
      patient: queryPatient(request.patient),
      author: context.author,
      structure: context.structure,
    },
    entryUuid: request.entryUuid,
    currentStatus: request.currentStatus,
    change: request.change,
  });
  const answer = await call({ service: 'registry', action: ACTION.updateDocumentSet, patient: request.patient, body });
  checkRegistryResponse(findRegistryResponse(answer.payload));
  return { done: true } as const;
};
