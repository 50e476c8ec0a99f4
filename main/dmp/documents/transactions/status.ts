import { ACTION, buildStatusUpdate, STATUS_AFTER, type StatusChange } from '../../xds';
import { isoBirthDate } from '../../pipeline';
import { metadataEntry } from '../../../sync/metadata-entry';
import { statusTransaction } from './codes';
import type { DocumentTransaction } from './types';
import { checkUpdateAnswer } from './update-refusal';
import { updateSubmissionSet } from './update-submission';

const TITLES: Readonly<Record<StatusChange, string>> = {
  archive: 'Archivage',
  unarchive: 'Désarchivage',
  delete: 'Suppression',
};

/**
 * TD3.3c/d: ITI-57 UpdateAvailabilityStatus of one entry (archive, unarchive, logical delete).
 * It needs nothing from the registry, so it is built and kept in the outbox even when the DMP
 * cannot be reached: the engine sends it (the VIHF signed then) and, after an unknown outcome,
 * reads the entry's status before sending it again.
 */
export const changeDocumentStatus: DocumentTransaction<'setStatus'> = async (call, configured, request, tools) => {
  const body = buildStatusUpdate({
    submissionSet: updateSubmissionSet(configured, request.patient, TITLES[request.change]),
    entryUuid: request.entryUuid,
    currentStatus: request.currentStatus,
    change: request.change,
  });
  // The desk's own copy of the entry, if a search kept one, names the document on the outbox screen and in the history.
  const known = await tools.knownEntry?.(request.patient, request.entryUuid).catch(() => undefined);
  const uniqueId = known?.uniqueId ?? request.entryUuid;
  if (tools.outbox !== undefined) {
    const entry = metadataEntry({
      kind: 'status',
      transaction: statusTransaction(request),
      patientId: request.patientId,
      ins: request.patient,
      patient: {
        family: request.traits.birthName,
        given: request.traits.firstNames[0] ?? '',
        birthDate: isoBirthDate(request.traits),
      },
      title: known?.title ?? '',
      documentId: uniqueId,
      author: configured.practitioner,
      accessMode: configured.access?.mode ?? 'normal',
      emergencyReason: configured.access?.reason,
      body,
      check: { entryUuid: request.entryUuid, status: STATUS_AFTER[request.change] },
      enqueuedAt: configured.now?.() ?? new Date(),
    });
    const { outcome, outboxId } = await tools.outbox.submit(entry);
    return { outcome, outboxId, uniqueId };
  }
  const answer = await call({ service: 'registry', action: ACTION.updateDocumentSet, patient: request.patient, body });
  checkUpdateAnswer(answer.payload);
  return { outcome: 'sent', uniqueId } as const;
};
