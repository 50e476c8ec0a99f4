import { AppError } from '../../../../shared/errors';
import { ACTION, buildRetrieveDocument, parseRetrieveResponse } from '../../xds';
import { displayableContent } from '../cda-content';
import type { DocumentTransaction } from './types';

/** TD3.2: ITI-43 retrieve by uniqueId, answered as what the viewer can show: PDF, text or readable CDA. */
export const retrieveDocument: DocumentTransaction<'retrieve'> = async (call, _config, request) => {
  const answer = await call({
    service: 'repository',
    action: ACTION.retrieveDocumentSet,
    patient: request.patient,
    body: buildRetrieveDocument(request.uniqueId),
  });
  const document = parseRetrieveResponse(answer.payload, answer.message).find((d) => d.uniqueId === request.uniqueId);
  if (document === undefined) throw new AppError('DOC_NOT_FOUND');
  return displayableContent(document.content);
};
