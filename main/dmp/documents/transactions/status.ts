import { ACTION, buildStatusUpdate, type StatusChange } from '../../xds';
import type { DocumentTransaction } from './types';
import { checkUpdateAnswer } from './update-refusal';
import { updateSubmissionSet } from './update-submission';

const TITLES: Readonly<Record<StatusChange, string>> = {
  archive: 'Archivage',
  unarchive: 'Désarchivage',
  delete: 'Suppression',
};

/** TD3.3c/d: ITI-57 UpdateAvailabilityStatus of one entry (archive, unarchive, logical delete). */
export const changeDocumentStatus: DocumentTransaction<'setStatus'> = async (call, configured, request) => {
  const body = buildStatusUpdate({
    submissionSet: updateSubmissionSet(configured, request.patient, TITLES[request.change]),
    entryUuid: request.entryUuid,
    currentStatus: request.currentStatus,
    change: request.change,
  });
  const answer = await call({ service: 'registry', action: ACTION.updateDocumentSet, patient: request.patient, body });
  checkUpdateAnswer(answer.payload);
  return { done: true } as const;
};
