import { ACTION, buildFindDocuments, parseQueryResponse } from '../../xds';
import { CONFIDENTIALITY_DMP, VISIBILITY_LABELS } from '../../xds/metadata';
import { isSignatureEntry, toSummary } from '../summary';
import type { DocumentEntrySummary } from '../../../../shared/domain/documents';
import type { DocumentCaller } from '../call';
import { entriesSubmittedBetween } from './by-submission-date';
import { queryPatient } from './query-patient';
import type { DocumentTransaction } from './types';

/** TD3.1: ITI-18 FindDocuments, newest first, without the XAdES entries. */
/** TD3.1: ITI-18 FindDocuments (or the submission-date recipe), newest first, without the XAdES entries. */
export const searchDocuments: DocumentTransaction<'search'> = async (call, _config, request) => {
  const entries =
    request.submittedFrom === undefined && request.submittedTo === undefined
      ? await findDocuments(call, request)
      : await entriesSubmittedBetween(
          call,
          request.patient,
          {
            ...(request.submittedFrom === undefined ? {} : { from: request.submittedFrom }),
            ...(request.submittedTo === undefined ? {} : { to: request.submittedTo }),
          },
          request,
        );
  const documents = entries.filter((entry) => !isSignatureEntry(entry)).map(toSummary);
  // Newest first: XDS timestamps (YYYYMMDDhhmmss) sort as strings.
  documents.sort((a, b) => (b.creationTime ?? '').localeCompare(a.creationTime ?? ''));
  return { documents };
};

async function findDocuments(
  call: DocumentCaller,
  request: Parameters<DocumentTransaction<'search'>>[2],
): Promise<readonly DocumentEntrySummary[]> {
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
  return parseQueryResponse(answer.payload).documents;
}
