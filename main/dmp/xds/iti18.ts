import { AppError } from '../../../shared/errors';
import type { AvailabilityStatus, CodedValue, DocumentEntrySummary } from '../../../shared/domain/documents';
import { escapeXmlText, selectElements } from '../../xml';
import { xdsTimestamp } from '../cda/time';
import { QUERY, RIM, STATUS, STORED_QUERY, UUID } from './constants';
import { patientCx } from './hl7v2';
import { failureError, registryErrors, responseStatus, type RegistryError } from './registry-response';
import type { DocumentPatient } from '../../../shared/domain/documents';

type Slots = ReadonlyArray<readonly [name: string, values: readonly string[]]>;

/** An ITI-18 query value: a quoted string, or a parenthesized list of them (ITI TF-2a §3.18.4.1.2.3.5). */
const quoted = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]): string => `(${values.map(quoted).join(',')})`;

export function buildStoredQuery(
  queryId: string,
  slots: Slots,
  returnType: 'LeafClass' | 'ObjectRef' = 'LeafClass',
): string {
  const body = slots
    .map(
      ([name, values]) =>
        `<Slot name="${name}"><ValueList>${values.map((v) => `<Value>${escapeXmlText(v)}</Value>`).join('')}</ValueList></Slot>`,
    )
    .join('');
  return (
    `<query:AdhocQueryRequest xmlns:query="${QUERY}" xmlns="${RIM}">` +
    `<query:ResponseOption returnComposedObjects="true" returnType="${returnType}"/>` +
    `<AdhocQuery id="${queryId}">${body}</AdhocQuery></query:AdhocQueryRequest>`
  );
}

export interface FindDocumentsFilter {
  readonly patient: DocumentPatient;
  /** Defaults to approved only (DMPi EX_3.1-1030: archived and obsolete are opt-in). */
  readonly statuses?: readonly AvailabilityStatus[];
  readonly typeCodes?: readonly CodedValue[];
  readonly classCodes?: readonly CodedValue[];
  readonly creationFrom?: Date;
  readonly creationTo?: Date;
  readonly serviceStartFrom?: Date;
  readonly serviceStopTo?: Date;
  /** Only entries carrying one of these confidentiality codes (e.g. MASQUE_PS to list masked documents). */
  readonly confidentiality?: readonly CodedValue[];
}

const codeList = (codes: readonly CodedValue[]): string => list(codes.map((c) => `${c.code}^^${c.codeSystem}`));

/** TD3.1 FindDocuments with the filters the Documents screen offers. */
export function buildFindDocuments(filter: FindDocumentsFilter): string {
  const slots: [string, string[]][] = [
    ['$XDSDocumentEntryPatientId', [quoted(patientCx(filter.patient))]],
    ['$XDSDocumentEntryStatus', [list((filter.statuses ?? ['approved']).map((s) => STATUS[s]))]],
  ];
  if (filter.classCodes?.length) slots.push(['$XDSDocumentEntryClassCode', [codeList(filter.classCodes)]]);
  if (filter.typeCodes?.length) slots.push(['$XDSDocumentEntryTypeCode', [codeList(filter.typeCodes)]]);
  if (filter.confidentiality?.length)
    slots.push(['$XDSDocumentEntryConfidentialityCode', [codeList(filter.confidentiality)]]);
  if (filter.creationFrom) slots.push(['$XDSDocumentEntryCreationTimeFrom', [xdsTimestamp(filter.creationFrom)]]);
  if (filter.creationTo) slots.push(['$XDSDocumentEntryCreationTimeTo', [xdsTimestamp(filter.creationTo)]]);
  if (filter.serviceStartFrom)
    slots.push(['$XDSDocumentEntryServiceStartTimeFrom', [xdsTimestamp(filter.serviceStartFrom)]]);
  if (filter.serviceStopTo) slots.push(['$XDSDocumentEntryServiceStopTimeTo', [xdsTimestamp(filter.serviceStopTo)]]);
  return buildStoredQuery(STORED_QUERY.findDocuments, slots);
}

/** TD3.1b: find the entry of a document by its uniqueId when the LPS only holds the reference. */
export function buildGetDocumentsByUniqueId(
  uniqueIds: readonly string[],
  returnType: 'LeafClass' | 'ObjectRef' = 'LeafClass',
): string {
  return buildStoredQuery(STORED_QUERY.getDocuments, [['$XDSDocumentEntryUniqueId', [list(uniqueIds)]]], returnType);
}

export function buildGetDocumentsByUuid(entryUuids: readonly string[]): string {
  return buildStoredQuery(STORED_QUERY.getDocuments, [['$XDSDocumentEntryEntryUUID', [list(entryUuids)]]]);
}

/** Submission-date filtering (DMPi §3.5.1.3): FindSubmissionSets → GetAssociations → GetDocuments. */
export function buildFindSubmissionSets(patient: DocumentPatient, from?: Date, to?: Date): string {
  const slots: [string, string[]][] = [
    ['$XDSSubmissionSetPatientId', [quoted(patientCx(patient))]],
    ['$XDSSubmissionSetStatus', [list([STATUS.approved])]],
  ];
  if (from) slots.push(['$XDSSubmissionSetSubmissionTimeFrom', [xdsTimestamp(from)]]);
  if (to) slots.push(['$XDSSubmissionSetSubmissionTimeTo', [xdsTimestamp(to)]]);
  return buildStoredQuery(STORED_QUERY.findSubmissionSets, slots);
}

export function buildGetAssociations(uuids: readonly string[]): string {
  return buildStoredQuery(STORED_QUERY.getAssociations, [['$uuid', [list(uuids)]]]);
}

export function buildFindDocumentsByReferenceId(patient: DocumentPatient, referenceIds: readonly string[]): string {
  return buildStoredQuery(STORED_QUERY.findDocumentsByReferenceId, [
    ['$XDSDocumentEntryPatientId', [quoted(patientCx(patient))]],
    ['$XDSDocumentEntryStatus', [list([STATUS.approved])]],
    ['$XDSDocumentEntryReferenceIdList', [list(referenceIds)]],
  ]);
}

// ---- response ----

const rim = (name: string): string => `*[local-name()='${name}' and namespace-uri()='${RIM}']`;

const STATUS_BY_URN: Readonly<Record<string, AvailabilityStatus>> = {
  [STATUS.approved]: 'approved',
  [STATUS.deprecated]: 'deprecated',
  [STATUS.archived]: 'archived',
  [STATUS.deleted]: 'deleted',
};

function slotValues(object: Element, name: string): string[] {
  return selectElements(object, `${rim('Slot')}[@name='${name}']/${rim('ValueList')}/${rim('Value')}`).map((v) =>
    (v.textContent ?? '').trim(),
  );
}

const first = (values: readonly string[]): string | undefined => values[0];

function classifications(object: Element, scheme: string): Element[] {
  return selectElements(object, `${rim('Classification')}[@classificationScheme='${scheme}']`);
}

function coded(classification: Element | undefined): CodedValue | undefined {
  if (classification === undefined) return undefined;
  const name = selectElements(classification, `${rim('Name')}/${rim('LocalizedString')}`)[0];
  return {
    code: classification.getAttribute('nodeRepresentation') ?? '',
    codeSystem: first(slotValues(classification, 'codingScheme')) ?? '',
    displayName: name?.getAttribute('value') ?? '',
  };
}

function externalId(object: Element, scheme: string): string | undefined {
  return (
    selectElements(object, `${rim('ExternalIdentifier')}[@identificationScheme='${scheme}']`)[0]?.getAttribute(
      'value',
    ) ?? undefined
  );
}

type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops undefined values, so optional fields are absent rather than undefined (exactOptionalPropertyTypes). */
function defined<T extends object>(entries: T): Defined<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Defined<T>;
}

export function parseDocumentEntry(object: Element): DocumentEntrySummary {
  const entryUuid = object.getAttribute('id') ?? '';
  const uniqueId = externalId(object, UUID.documentEntryUniqueId);
  const status = STATUS_BY_URN[object.getAttribute('status') ?? ''];
  if (entryUuid === '' || uniqueId === undefined || status === undefined) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'document_entry' } });
  }
  const authors = classifications(object, UUID.documentEntryAuthor);
  const size = first(slotValues(object, 'size'));
  const title = selectElements(object, `${rim('Name')}/${rim('LocalizedString')}`)[0]?.getAttribute('value');
  return defined({
    entryUuid,
    logicalId: object.getAttribute('lid') ?? entryUuid,
    uniqueId,
    status,
    version: selectElements(object, rim('VersionInfo'))[0]?.getAttribute('versionName') ?? undefined,
    title: title ?? undefined,
    mimeType: object.getAttribute('mimeType') ?? undefined,
    typeCode: coded(classifications(object, UUID.typeCode)[0]),
    classCode: coded(classifications(object, UUID.classCode)[0]),
    formatCode: coded(classifications(object, UUID.formatCode)[0]),
    practiceSetting: coded(classifications(object, UUID.practiceSettingCode)[0]),
    facilityType: coded(classifications(object, UUID.healthcareFacilityTypeCode)[0]),
    confidentiality: classifications(object, UUID.confidentialityCode).map(
      (c) => c.getAttribute('nodeRepresentation') ?? '',
    ),
    creationTime: first(slotValues(object, 'creationTime')),
    serviceStartTime: first(slotValues(object, 'serviceStartTime')),
    serviceStopTime: first(slotValues(object, 'serviceStopTime')),
    submissionTime: first(slotValues(object, 'submissionTime')),
    authorPersons: authors.flatMap((a) => slotValues(a, 'authorPerson')),
    authorInstitutions: authors.flatMap((a) => slotValues(a, 'authorInstitution')),
    repositoryUniqueId: first(slotValues(object, 'repositoryUniqueId')),
    size: size !== undefined && /^\d+$/.test(size) ? Number(size) : undefined,
    hash: first(slotValues(object, 'hash')),
    patientId: externalId(object, UUID.documentEntryPatientId),
  });
}

export interface AssociationSummary {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
}

export interface QueryResult {
  readonly documents: readonly DocumentEntrySummary[];
  /** Entry UUIDs when the query asked for ObjectRef. */
  readonly references: readonly string[];
  readonly submissionSets: readonly {
    readonly id: string;
    readonly uniqueId?: string;
    readonly submissionTime?: string;
  }[];
  readonly associations: readonly AssociationSummary[];
  readonly warnings: readonly RegistryError[];
}

/** Parses an AdhocQueryResponse (the SOAP body's child). A Failure status becomes the typed registry error. */
export function parseQueryResponse(response: Element): QueryResult {
  if (response.namespaceURI !== QUERY || response.localName !== 'AdhocQueryResponse') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_query_response' } });
  }
  const errors = registryErrors(response);
  if (responseStatus(response) === 'failure') throw failureError(errors);
  const list = `${rim('RegistryObjectList')}`;
  return {
    documents: selectElements(response, `${list}/${rim('ExtrinsicObject')}`).map(parseDocumentEntry),
    references: selectElements(response, `${list}/${rim('ObjectRef')}`).map((r) => r.getAttribute('id') ?? ''),
    submissionSets: selectElements(response, `${list}/${rim('RegistryPackage')}`).map((p) =>
      defined({
        id: p.getAttribute('id') ?? '',
        uniqueId: externalId(p, UUID.submissionSetUniqueId),
        submissionTime: first(slotValues(p, 'submissionTime')),
      }),
    ),
    associations: selectElements(response, `${list}/${rim('Association')}`).map((a) => ({
      id: a.getAttribute('id') ?? '',
      type: a.getAttribute('associationType') ?? '',
      source: a.getAttribute('sourceObject') ?? '',
      target: a.getAttribute('targetObject') ?? '',
    })),
    warnings: errors.filter((e) => e.severity === 'warning'),
  };
}
