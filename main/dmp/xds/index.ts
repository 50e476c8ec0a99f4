export * from './constants';
export { classCodeFor } from './class-codes';
export { buildDeposit, type Deposit, type DepositInput } from './deposit';
export { escapeHl7, patientCx } from './hl7v2';
export { uuidOid, uuidUrn } from './ids';
export { buildProvideAndRegister, type ProvideAndRegisterInput, type ProvideAndRegisterRequest } from './iti41';
export {
  buildFindDocuments,
  buildFindDocumentsByReferenceId,
  buildFindSubmissionSets,
  buildGetAssociations,
  buildGetDocumentsByUniqueId,
  buildGetDocumentsByUuid,
  buildStoredQuery,
  parseDocumentEntry,
  parseQueryResponse,
  type AssociationSummary,
  type FindDocumentsFilter,
  type QueryResult,
} from './iti18';
export { buildRetrieveDocument, parseRetrieveResponse, type RetrievedDocument } from './iti43';
export {
  applyVisibility,
  buildStatusUpdate,
  buildVisibilityUpdateFromEntry,
  STATUS_AFTER,
  type RegistryEntryUpdateInput,
  type StatusChange,
  type StatusUpdateInput,
} from './iti57';
export type { DocumentEntryInput, SignatureEntryInput, SubmissionContext, SubmissionSetInput } from './metadata';
export {
  checkRegistryResponse,
  findRegistryResponse,
  registryErrors,
  type RegistryError,
  type RegistryStatus,
} from './registry-response';
export { parseValueSet, requireInValueSet, type DepositValueSets, type ValueSet } from './value-sets';
