import { displayableContent } from '../cda-content';
import { fetchDocument } from './fetch-document';
import type { DocumentTransaction } from './types';

/** TD3.2: ITI-43 retrieve by uniqueId, answered as what the viewer can show: PDF, text or readable CDA. */
export const retrieveDocument: DocumentTransaction<'retrieve'> = async (call, _config, request) =>
  displayableContent(await fetchDocument(call, request.patient, request.uniqueId));
