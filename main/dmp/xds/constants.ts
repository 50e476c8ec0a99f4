/** IHE XDS.b identifiers (ITI TF-3 §4.2.5) and the DMP's additions (spec §5). */
export const RIM = 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0';
export const RS = 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0';
export const LCM = 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0';
export const QUERY = 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0';
export const XDSB = 'urn:ihe:iti:xds-b:2007';

export const UUID = {
  submissionSet: 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd',
  submissionSetAuthor: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
  contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500',
  submissionSetPatientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
  submissionSetSourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832',
  submissionSetUniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
  documentEntry: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
  documentEntryAuthor: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
  classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
  typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
  formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
  healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
  practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
  eventCodeList: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
  documentEntryPatientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
  documentEntryUniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
} as const;

export const STORED_QUERY = {
  findDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
  findDocumentsByReferenceId: 'urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492',
  findSubmissionSets: 'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
  getAssociations: 'urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155',
  getDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
} as const;

export const ASSOCIATION = {
  hasMember: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
  signs: 'urn:ihe:iti:2007:AssociationType:signs',
  replace: 'urn:ihe:iti:2007:AssociationType:RPLC',
  updateAvailabilityStatus: 'urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus',
} as const;

export const STATUS = {
  approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
  archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
  deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
} as const;

export const RESPONSE_STATUS = {
  success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
  partialSuccess: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
  failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
} as const;

export const ACTION = {
  provideAndRegister: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
  registryStoredQuery: 'urn:ihe:iti:2007:RegistryStoredQuery',
  retrieveDocumentSet: 'urn:ihe:iti:2007:RetrieveDocumentSet',
  updateDocumentSet: 'urn:ihe:iti:2010:UpdateDocumentSet',
} as const;

/** The DMP repository (TD3.2 RepositoryUniqueId) and the OIDs of the identifiers carried in metadata. */
export const DMP_REPOSITORY_UNIQUE_ID = '1.2.250.1.213.4.1.1.1.2';
export const PS_ID_OID = '1.2.250.1.71.4.2.1';
export const STRUCTURE_ID_OID = '1.2.250.1.71.4.2.2';
