import type { DepositOutcome, DmpPatientRef, DmpHandlers } from '../../../../shared/api';
import type { NewOutboxEntry } from '../../../store/outbox-ops';
import type { IdentityTraits } from '../../../../shared/domain/identity';
import type { DepositValueSets } from '../../xds/value-sets';
import type { DocumentCaller } from '../call';
import type { DocumentCallerIdentity } from '../context';

export type DocumentsGroupHandlers = DmpHandlers<unknown>['documents'];

type RequestOf<K extends keyof DocumentsGroupHandlers> = Parameters<DocumentsGroupHandlers[K]>[0];
type ResponseOf<K extends keyof DocumentsGroupHandlers> = Awaited<ReturnType<DocumentsGroupHandlers[K]>>;

/** A request once main has resolved its patient: the INS and traits of the qualified identity. */
export type ResolvedRequest<K extends keyof DocumentsGroupHandlers> = Omit<
  RequestOf<K>,
  'patientId' | 'emergencySessionId'
> & {
  /** The desk's id of the patient (the outbox names its items by it); never sent to the DMP. */
  readonly patientId: string;
  readonly patient: DmpPatientRef;
  readonly traits: IdentityTraits;
};

/** The outbox (main/sync) seen from the document transactions. */
export interface DocumentOutbox {
  /**
   * Keeps the built write in the encrypted store, then waits a bounded time for the engine's first
   * attempt: `sent` if it reached the DMP meanwhile, `queued` otherwise (never an error once kept).
   */
  submit(entry: NewOutboxEntry): Promise<DepositOutcome>;
}

/** What main loaded at start that a transaction may need. */
export interface TransactionTools {
  /** The packaged DMP value sets; throws VALUE_SETS_UNAVAILABLE when they could not be loaded. */
  readonly valueSets: () => DepositValueSets;
  /** Absent: writes are sent at once (see createDocumentsHandlers). */
  readonly outbox?: DocumentOutbox;
  /** The desk's cached copy of an entry (title, uniqueId), to name a queued change; absent without a cache. */
  readonly knownEntry?: (
    patient: DmpPatientRef,
    entryUuid: string,
  ) => Promise<{ readonly title?: string | undefined; readonly uniqueId: string } | undefined>;
}

/** One `documents.*` transaction: what it sends through the one DMP client and what it answers. */
export type DocumentTransaction<K extends keyof DocumentsGroupHandlers> = (
  call: DocumentCaller,
  caller: DocumentCallerIdentity,
  request: ResolvedRequest<K>,
  tools: TransactionTools,
) => Promise<ResponseOf<K>>;
