import type { DmpHandlers } from '../../../../shared/api';
import type { DmpServiceConfig } from '../../service';
import type { DepositValueSets } from '../../xds/value-sets';
import type { DocumentCaller } from '../call';

export type DocumentsGroupHandlers = DmpHandlers<unknown>['documents'];

type RequestOf<K extends keyof DocumentsGroupHandlers> = Parameters<DocumentsGroupHandlers[K]>[0];
type ResponseOf<K extends keyof DocumentsGroupHandlers> = Awaited<ReturnType<DocumentsGroupHandlers[K]>>;

/** What main loaded at start that a transaction may need. */
export interface TransactionTools {
  /** The packaged DMP value sets; throws VALUE_SETS_UNAVAILABLE when they could not be loaded. */
  readonly valueSets: () => DepositValueSets;
}

/** One `documents.*` transaction: what it sends through the one DMP client and what it answers. */
export type DocumentTransaction<K extends keyof DocumentsGroupHandlers> = (
  call: DocumentCaller,
  config: DmpServiceConfig,
  request: RequestOf<K>,
  tools: TransactionTools,
) => Promise<ResponseOf<K>>;
