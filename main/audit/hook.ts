import type { DmpAccessMode } from '../../shared/domain/dmp';

/**
 * What a DMP handler wrapper knows once a transaction is over. The request and result are passed
 * whole; the trail picks the patient and the document id and nothing else.
 */
export interface TransactionOutcome {
  /** TD code as the DMP interface names it (TD0.2, TD2.1…). */
  readonly transaction: string;
  readonly accessMode: DmpAccessMode;
  /** National id of the professional the call was made as; absent when no DMP is configured (nothing was sent, nothing is recorded). */
  readonly professional: string | undefined;
  readonly request: unknown;
  readonly result?: unknown;
  /**
   * A write kept in the outbox, not yet received by the DMP: recorded as `queued`, which no
   * indicator counts. The delivery gets its own line (`ok`) when the DMP accepts it.
   */
  readonly queued?: boolean;
  /** Set when the transaction failed. */
  readonly error?: unknown;
}

/** Records a transaction; never rejects, so an audit failure cannot swallow the DMP's answer. */
export type TransactionAudit = (outcome: TransactionOutcome) => Promise<void>;
