import type { AvailabilityStatus, DocumentEntrySummary, VisibilityCode } from '../../../shared/domain/documents';
import { AppError } from '../../../shared/errors';
import { LCM, RIM, STATUS, ASSOCIATION } from './constants';
import { documentEntry, submissionSet, type DocumentEntryInput, type SubmissionSetInput } from './metadata';
import { association, idCounter, slot } from './rim';
import { uuidUrn } from './ids';

const wrap = (objects: string): string =>
  `<lcm:SubmitObjectsRequest xmlns:lcm="${LCM}" xmlns="${RIM}"><RegistryObjectList>${objects}</RegistryObjectList></lcm:SubmitObjectsRequest>`;

export interface MetadataUpdateInput {
  readonly submissionSet: SubmissionSetInput;
  /** The full new metadata of the entry (same uniqueId); its visibility is the new confidentiality set. */
  readonly entry: Omit<DocumentEntryInput, 'id' | 'logicalId' | 'status'>;
  /** The current version: its logicalId is kept, its version becomes PreviousVersion. */
  readonly current: Pick<DocumentEntrySummary, 'logicalId' | 'version'>;
}

/**
 * TD3.3a/b: mask / unmask to professionals, hide from or show to the patient and legal
 * representatives. ITI-57 publishes a new version of the entry (new entryUUID, same lid) whose
 * confidentiality codes are the wanted set; the registry deprecates the previous version.
 */
export function buildVisibilityUpdate(input: MetadataUpdateInput): string {
  if (input.current.version === undefined || !/^\d+$/.test(input.current.version)) {
    throw new AppError('DOC_INVALID_INPUT', { details: { field: 'current.version' } });
  }
  const next = idCounter('cl');
  const entryId = uuidUrn();
  const ss = input.submissionSet.id;
  return wrap(
    submissionSet(input.submissionSet, next) +
      documentEntry(
        { ...input.entry, id: entryId, logicalId: input.current.logicalId, status: STATUS.approved },
        next,
      ) +
      association(
        'as1',
        ASSOCIATION.hasMember,
        ss,
        entryId,
        slot('SubmissionSetStatus', ['Original']) + slot('PreviousVersion', [input.current.version]),
      ),
  );
}

/** Which visibility set results from one user action, starting from the entry's current codes. */
export function applyVisibility(
  current: readonly string[],
  change: { readonly add?: readonly VisibilityCode[]; readonly remove?: readonly VisibilityCode[] },
): VisibilityCode[] {
  const codes = new Set(current.filter((c): c is VisibilityCode => c === 'MASQUE_PS' || c.startsWith('INVISIBLE_')));
  for (const code of change.add ?? []) codes.add(code);
  for (const code of change.remove ?? []) codes.delete(code);
  return [...codes];
}

export type StatusChange = 'archive' | 'unarchive' | 'delete';

const TRANSITIONS: Readonly<
  Record<StatusChange, { readonly from: AvailabilityStatus[]; readonly to: AvailabilityStatus }>
> = {
  archive: { from: ['approved'], to: 'archived' },
  unarchive: { from: ['archived'], to: 'approved' },
  delete: { from: ['approved', 'archived'], to: 'deleted' },
};

export interface StatusUpdateInput {
  readonly submissionSet: SubmissionSetInput;
  readonly entryUuid: string;
  readonly currentStatus: AvailabilityStatus;
  readonly change: StatusChange;
}

/** TD3.3c/d: UpdateAvailabilityStatus (archive, unarchive, logical delete), refused locally when the transition cannot apply. */
export function buildStatusUpdate(input: StatusUpdateInput): string {
  const transition = TRANSITIONS[input.change];
  if (!transition.from.includes(input.currentStatus)) {
    throw new AppError('DOC_INVALID_INPUT', { details: { field: 'currentStatus', change: input.change } });
  }
  const next = idCounter('cl');
  return wrap(
    submissionSet(input.submissionSet, next) +
      association(
        'as1',
        ASSOCIATION.updateAvailabilityStatus,
        input.submissionSet.id,
        input.entryUuid,
        slot('OriginalStatus', [STATUS[input.currentStatus]]) + slot('NewStatus', [STATUS[transition.to]]),
      ),
  );
}
