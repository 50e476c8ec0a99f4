import { ACTION, buildStatusUpdate, type StatusChange } from '../../xds';
import { uuidOid } from '../../xds/ids';
import { depositContext } from '../context';
import { queryPatient } from './query-patient';
import type { DocumentTransaction } from './types';
import { checkUpdateAnswer } from './update-refusal';

/** The SubmissionSet title says what the submission did, as the DMP's history lists it. */
const TITLES: Readonly<Record<StatusChange, string>> = {
  archive: 'Archivage',
  unarchive: 'Désarchivage',
  delete: 'Suppression',
};

/** TD3.3c/d: ITI-57 UpdateAvailabilityStatus of one entry (archive, unarchive, logical delete). */
export const changeDocumentStatus: DocumentTransaction<'setStatus'> = async (call, configured, request) => {
  const context = depositContext(configured);
  const body = buildStatusUpdate({
    submissionSet: {
      id: 'SubmissionSet01',
      uniqueId: uuidOid(),
      sourceId: configured.software.senderOid,
      submissionTime: configured.now?.() ?? new Date(),
      title: TITLES[request.change],
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
  checkUpdateAnswer(answer.payload);
  return { done: true } as const;
};
