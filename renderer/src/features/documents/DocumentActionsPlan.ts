import type { DmpClient, DocumentSummary } from '../../../../shared/api';
import type { VisibilityCode } from '../../../../shared/domain/documents';
import type { AppErrorShape } from '../../../../shared/errors';

/** Every action the Documents list offers on one entry; `replace` opens the deposit form instead of a dialog. */
export type DocumentAction =
  | 'replace'
  | 'mask'
  | 'unmask'
  | 'hidePatient'
  | 'showPatient'
  | 'hideRepresentatives'
  | 'showRepresentatives'
  | 'archive'
  | 'unarchive'
  | 'delete';

export type ConfirmedAction = Exclude<DocumentAction, 'replace'>;

/** Each visibility code with the action that sets it and the one that lifts it. */
const VISIBILITY_ACTIONS: readonly (readonly [VisibilityCode, ConfirmedAction, ConfirmedAction])[] = [
  ['MASQUE_PS', 'mask', 'unmask'],
  ['INVISIBLE_PATIENT', 'hidePatient', 'showPatient'],
  ['INVISIBLE_REPRESENTANTS_LEGAUX', 'hideRepresentatives', 'showRepresentatives'],
];

/**
 * What applies to an entry in its status: the DMP changes visibility and replaces only the current
 * version (Approved), archives from Approved, unarchives from Archived, deletes from either; a
 * deprecated or deleted version is history and offers nothing.
 */
export function actionsFor(document: DocumentSummary): DocumentAction[] {
  if (document.status === 'archived') return ['unarchive', 'delete'];
  if (document.status !== 'approved') return [];
  const visibility = VISIBILITY_ACTIONS.map(([code, set, lift]) => (document.visibility.includes(code) ? lift : set));
  return ['replace', ...visibility, 'archive', 'delete'];
}

/**
 * `sent`: the DMP holds the change; `queued`: the outbox keeps it and will send it, so the DMP (and
 * the list read from it) does not show it yet; `unchanged`: the document already was that way.
 */
export type ActionOutcome = 'sent' | 'queued' | 'unchanged';

export type ActionResult =
  { readonly ok: true; readonly outcome: ActionOutcome } | { readonly ok: false; readonly error: AppErrorShape };

/** Runs one confirmed action through the contract: a visibility change or an availability status change. */
export async function runAction(
  client: DmpClient,
  patientId: string,
  document: DocumentSummary,
  action: ConfirmedAction,
): Promise<ActionResult> {
  const visibility = VISIBILITY_ACTIONS.find(([, set, lift]) => set === action || lift === action);
  if (visibility !== undefined) {
    const [code, set] = visibility;
    const change = set === action ? { add: [code] } : { remove: [code] };
    const result = await client.documents.setVisibility({ patientId, entryUuid: document.entryUuid, ...change });
    return result.ok ? { ok: true, outcome: result.value.outcome } : result;
  }
  if (document.status !== 'approved' && document.status !== 'archived') {
    // The menu never offers it; a stale row still gets a typed answer rather than a throw.
    return { ok: false, error: { code: 'DOC_STALE_VERSION', messageKey: 'errors.docStaleVersion', retryable: false } };
  }
  const change = action === 'delete' ? 'delete' : action === 'unarchive' ? 'unarchive' : 'archive';
  const result = await client.documents.setStatus({
    patientId,
    entryUuid: document.entryUuid,
    currentStatus: document.status,
    change,
  });
  return result.ok ? { ok: true, outcome: result.value.outcome } : result;
}
