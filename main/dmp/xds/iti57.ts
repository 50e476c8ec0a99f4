import type { AvailabilityStatus, VisibilityCode } from '../../../shared/domain/documents';
import { AppError } from '../../../shared/errors';
import { childElements, parseXmlSafely, serializeXml } from '../../xml';
import { LCM, RIM, STATUS, ASSOCIATION, UUID } from './constants';
import { CONFIDENTIALITY_DMP, submissionSet, VISIBILITY_LABELS, type SubmissionSetInput } from './metadata';
import { association, classification, idCounter, slot } from './rim';
import { uuidUrn } from './ids';

const wrap = (objects: string): string =>
  `<lcm:SubmitObjectsRequest xmlns:lcm="${LCM}" xmlns="${RIM}"><RegistryObjectList>${objects}</RegistryObjectList></lcm:SubmitObjectsRequest>`;

export interface RegistryEntryUpdateInput {
  readonly submissionSet: SubmissionSetInput;
  /** The entry's current ExtrinsicObject exactly as the registry answered it (ITI-18 GetDocuments, LeafClass). */
  readonly registryEntry: Element;
  /** The wanted visibility codes; every other confidentiality code of the entry (`N`…) is kept. */
  readonly visibility: readonly VisibilityCode[];
  /**
   * The new version's entryUUID (`urn:uuid:…`), when the caller must know it: the outbox looks the
   * version up by it after an unknown outcome. Default: minted here.
   */
  readonly entryUuid?: string;
}

const isVisibilityCode = (code: string | null): code is VisibilityCode =>
  code !== null && (VISIBILITY_LABELS as Readonly<Record<string, string>>)[code] !== undefined;

/**
 * TD3.3a/b from the registry's own metadata: the new version is a copy of the current
 * ExtrinsicObject, so every slot, code and identifier the desk does not model (description,
 * event codes, another LPS's legal authenticator…) travels unchanged. Only what a new version must
 * change is changed: its entryUUID and the ids of its classifications and identifiers, its status,
 * its confidentiality set; VersionInfo is dropped because the registry numbers versions.
 */
export function buildVisibilityUpdateFromEntry(input: RegistryEntryUpdateInput): string {
  const current = input.registryEntry;
  const logicalId = current.getAttribute('lid') ?? '';
  const version = childElements(current, RIM, 'VersionInfo')[0]?.getAttribute('versionName') ?? '';
  if (logicalId === '' || !/^\d+$/.test(version)) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'entry_version' } });
  }
  if (current.getAttribute('status') !== STATUS.approved) throw new AppError('DOC_STALE_VERSION');
  const entry = current.cloneNode(true) as Element;
  const entryId = input.entryUuid ?? uuidUrn();
  entry.setAttribute('id', entryId);
  entry.setAttribute('status', STATUS.approved);
  for (const info of childElements(entry, RIM, 'VersionInfo')) entry.removeChild(info);

  const confidentiality = childElements(entry, RIM, 'Classification').filter(
    (c) => c.getAttribute('classificationScheme') === UUID.confidentialityCode,
  );
  const anchor = confidentiality[confidentiality.length - 1]?.nextSibling ?? null;
  for (const c of confidentiality) {
    if (isVisibilityCode(c.getAttribute('nodeRepresentation'))) entry.removeChild(c);
  }
  for (const added of visibilityClassifications(entry.ownerDocument, input.visibility)) {
    entry.insertBefore(added, anchor);
  }
  for (const c of childElements(entry, RIM, 'Classification')) {
    c.setAttribute('id', uuidUrn());
    c.setAttribute('classifiedObject', entryId);
  }
  for (const e of childElements(entry, RIM, 'ExternalIdentifier')) {
    e.setAttribute('id', uuidUrn());
    e.setAttribute('registryObject', entryId);
  }
  const ss = input.submissionSet.id;
  return wrap(
    submissionSet(input.submissionSet, idCounter('cl')) +
      serializeXml(entry) +
      association(
        'as1',
        ASSOCIATION.hasMember,
        ss,
        entryId,
        slot('SubmissionSetStatus', ['Original']) + slot('PreviousVersion', [version]),
      ),
  );
}

/** The DMP confidentiality classifications as nodes of `owner`, written by the same writer as a deposit's. */
function visibilityClassifications(owner: Document, codes: readonly VisibilityCode[]): Node[] {
  const xml = [...new Set(codes)]
    .map((code) =>
      classification(UUID.confidentialityCode, 'pending', 'pending', {
        code,
        codeSystem: CONFIDENTIALITY_DMP,
        displayName: VISIBILITY_LABELS[code],
      }),
    )
    .join('');
  const holder = parseXmlSafely(`<holder xmlns="${RIM}">${xml}</holder>`).documentElement;
  if (holder === null) return [];
  return childElements(holder).map((c) => owner.importNode(c, true));
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

/** The status an entry is in once a change is applied (what the outbox looks for after an unknown outcome). */
export const STATUS_AFTER: Readonly<Record<StatusChange, AvailabilityStatus>> = {
  archive: TRANSITIONS.archive.to,
  unarchive: TRANSITIONS.unarchive.to,
  delete: TRANSITIONS.delete.to,
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
