export { createSyncEngine, type FirstOutcome, type SyncEngine, type SyncEngineOptions, type SyncJob } from './engine';
export { createDmpSyncTransport, type SyncTransport } from './dmp-transport';
export { depositEntry, type DepositEntryInput } from './deposit-entry';
export {
  auditDelivery,
  documentOutboxOf,
  outboxHandlers,
  signerChooser,
  DEFAULT_FIRST_ATTEMPT_WAIT_MS,
} from './desk-outbox';
export { metadataEntry, type MetadataEntryInput } from './metadata-entry';
export { backoffDelay, failureVerdict, DEFAULT_BACKOFF, type BackoffPolicy, type FailureVerdict } from './failure';
export { decodeRequest, encodeRequest, type MetadataCheck, type OutboxRequest } from './request';
export {
  openStandaloneSync,
  type StandaloneDeposit,
  type StandaloneSync,
  type StandaloneSyncOptions,
} from './standalone';
