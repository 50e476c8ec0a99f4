export { hl7Timestamp, transmissionWrapper, type Hl7Sender } from './header';
export {
  buildCreation,
  buildPatientQuery,
  buildRevision,
  type BuiltMessage,
  type CreationInput,
  type Hl7Author,
  type PatientIns,
  type PersonName,
  type PostalAddress,
  type RevisionInput,
  type Telecom,
} from './requests';
export {
  parseQueryResponse,
  parseRevisionResponse,
  type Hl7Ack,
  type PatientRecord,
  type QueryResponse,
  type RevisionResponse,
} from './responses';
