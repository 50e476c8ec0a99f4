import type { DmpPatientRef, DmpHandlers } from '../../../../shared/api';
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
  readonly patient: DmpPatientRef;
  readonly traits: IdentityTraits;
};

/** What main loaded at start that a transaction may need. */
export interface TransactionTools {
  /** The packaged DMP value sets; throws VALUE_SETS_UNAVAILABLE when they could not be loaded. */
  readonly valueSets: () => DepositValueSets;
}

/** One `documents.*` transaction: what it sends through the one DMP client and what it answers. */
export type DocumentTransaction<K extends keyof DocumentsGroupHandlers> = (
  call: DocumentCaller,
  caller: DocumentCallerIdentity,
  request: ResolvedRequest<K>,
  tools: TransactionTools,
) => Promise<ResponseOf<K>>;
