import type { DmpPatientRef } from '../../../../shared/api/dmp';
import { AppError } from '../../../../shared/errors';
import { ACTION, buildRetrieveDocument, parseRetrieveResponse } from '../../xds';
import type { DocumentCaller } from '../call';

/** ITI-43 of one document: its stored bytes (the CDA), or DOC_NOT_FOUND when the repository has no such uniqueId. */
export async function fetchDocument(call: DocumentCaller, patient: DmpPatientRef, uniqueId: string): Promise<Buffer> {
  const answer = await call({
    service: 'repository',
    action: ACTION.retrieveDocumentSet,
    patient,
    body: buildRetrieveDocument(uniqueId),
  });
  const document = parseRetrieveResponse(answer.payload, answer.message).find((d) => d.uniqueId === uniqueId);
  if (document === undefined) throw new AppError('DOC_NOT_FOUND');
  return document.content;
}
