import { ACTION, buildFindDocuments, parseQueryResponse } from '../../xds';
import { CONFIDENTIALITY_DMP, VISIBILITY_LABELS } from '../../xds/metadata';
import { isSignatureEntry, toSummary } from '../summary';
import { queryPatient } from './query-patient';
import type { DocumentTransaction } from './types';

/** TD3.1: ITI-18 FindDocuments, newest first, without the XAdES entries. */
export const searchDocuments: DocumentTransaction<'search'> = async (call, _config, request) => {
  const answer = await call({
    service: 'registry',
    action: ACTION.registryStoredQuery,
    patient: request.patient,
    body: buildFindDocuments({
      patient: queryPatient(request.patient),
      statuses: request.statuses,
      ...(request.typeCodes === undefined
        ? {}
        : { typeCodes: request.typeCodes.map((t) => ({ ...t, displayName: '' })) }),
      ...(request.createdFrom === undefined ? {} : { creationFrom: new Date(request.createdFrom) }),
      ...(request.createdTo === undefined ? {} : { creationTo: new Date(request.createdTo) }),
      ...(request.visibility === undefined
        ? {}
        : {
            confidentiality: request.visibility.map((code) => ({
              code,
              codeSystem: CONFIDENTIALITY_DMP,
              displayName: VISIBILITY_LABELS[code],
            })),
          }),
    }),
  });
  const documents = parseQueryResponse(answer.payload)
    .documents.filter((entry) => !isSignatureEntry(entry))
    .map(toSummary);
  // Newest first: XDS timestamps (YYYYMMDDhhmmss) sort as strings.
  documents.sort((a, b) => (b.creationTime ?? '').localeCompare(a.creationTime ?? ''));
  return { documents };
};
