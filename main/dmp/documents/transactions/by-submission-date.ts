import type { DmpPatientRef } from '../../../../shared/api/dmp';
import type { DocumentEntrySummary, VisibilityCode } from '../../../../shared/domain/documents';
import { xdsTimestamp } from '../../cda/time';
import {
  ACTION,
  ASSOCIATION,
  buildFindSubmissionSets,
  buildGetAssociations,
  buildGetDocumentsByUuid,
  parseQueryResponse,
} from '../../xds';
import type { DocumentCaller } from '../call';
import { queryPatient } from './query-patient';

export interface EntryFilter {
  readonly statuses: readonly string[];
  readonly typeCodes?: readonly { readonly code: string; readonly codeSystem: string }[] | undefined;
  readonly createdFrom?: string | undefined;
  readonly createdTo?: string | undefined;
  readonly visibility?: readonly VisibilityCode[] | undefined;
}

/**
 * Documents submitted (deposited or updated) in a period: the registry filters DocumentEntries on
 * their creation time only, so the DMP's own recipe is followed (DMPi §3.5.1.3):
 * FindSubmissionSets on the submission time → GetAssociations → GetDocuments. The other filters
 * apply here, on the entries that come back, as FindDocuments would have applied them.
 */
export async function entriesSubmittedBetween(
  call: DocumentCaller,
  patient: DmpPatientRef,
  period: { readonly from?: string; readonly to?: string },
  filter: EntryFilter,
): Promise<DocumentEntrySummary[]> {
  const query = async (body: string) =>
    parseQueryResponse(
      (await call({ service: 'registry', action: ACTION.registryStoredQuery, patient, body })).payload,
    );
  const sets = await query(
    buildFindSubmissionSets(
      queryPatient(patient),
      period.from === undefined ? undefined : new Date(period.from),
      period.to === undefined ? undefined : new Date(period.to),
    ),
  );
  const setIds = [...sets.submissionSets.map((set) => set.id), ...sets.references];
  if (setIds.length === 0) return [];
  const members = (await query(buildGetAssociations(setIds))).associations
    .filter((association) => association.type === ASSOCIATION.hasMember && setIds.includes(association.source))
    .map((association) => association.target);
  const entryUuids = [...new Set(members)];
  if (entryUuids.length === 0) return [];
  const { documents } = await query(buildGetDocumentsByUuid(entryUuids));
  return documents.filter((entry) => matches(entry, filter));
}

function matches(entry: DocumentEntrySummary, filter: EntryFilter): boolean {
  if (!filter.statuses.includes(entry.status)) return false;
  if (
    filter.typeCodes !== undefined &&
    !filter.typeCodes.some((t) => t.code === entry.typeCode?.code && t.codeSystem === entry.typeCode.codeSystem)
  ) {
    return false;
  }
  // XDS timestamps (YYYYMMDD[hhmmss]) compare as strings once cut to the same length.
  const created = entry.creationTime ?? '';
  if (
    filter.createdFrom !== undefined &&
    created < xdsTimestamp(new Date(filter.createdFrom)).slice(0, created.length)
  ) {
    return false;
  }
  if (filter.createdTo !== undefined && created > xdsTimestamp(new Date(filter.createdTo)).slice(0, created.length)) {
    return false;
  }
  if (filter.visibility !== undefined && !filter.visibility.some((code) => entry.confidentiality.includes(code))) {
    return false;
  }
  return true;
}
