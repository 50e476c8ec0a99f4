export { historyHandlers } from './handlers';
export type { TransactionAudit, TransactionOutcome } from './hook';
export { createAuditTrail, type AuditTrail } from './trail';
