import type { Element } from '@xmldom/xmldom';
import { attr, childElements, firstChild } from '../../../xml/safe-xml';
import type { HandlerResult, RequestContext } from '../../context';
import { DMP_CODES } from '../../fault-codes';
import type { DocumentEntryRecord } from '../../store/documents';
import { canSee } from '../../xds/document-rights';
import { associationXml, classificationsOf, objectRefXml, objectXml } from '../../xds/ebrim';
import { RESPONSE_STATUS, STORED_QUERY, UUID, XDS_NS } from '../../xds/constants';
import { RegistryFailure, registryErrorListXml, XDS_ERRORS } from '../../xds/registry-errors';
import {
  answering,
  checkVihfPatient,
  documentAccess,
  parsePatientId,
  traceDocument,
  type DocumentAccess,
} from './common';

type Params = ReadonlyMap<string, readonly string[]>;

const QUERY_NAMESPACES =
  'xmlns:ns2="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" xmlns:ns3="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"' +
  ' xmlns:ns4="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:ns5="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"' +
  ' xmlns:ns6="urn:hl7-org:v3"';

const response = (status: string, inner: string, count?: number): HandlerResult => ({
  ns1: XDS_NS.query,
  body:
    `<ns3:AdhocQueryResponse` +
    (count === undefined ? '' : ` startIndex="0"`) +
    ` status="${status}"` +
    (count === undefined ? '' : ` totalResultCount="${count}"`) +
    ` ${QUERY_NAMESPACES}>${inner}</ns3:AdhocQueryResponse>`,
});

/** TD3.1: ITI-18 Registry Stored Query (FindDocuments, GetDocuments, FindSubmissionSets, GetAssociations). */
export function handleStoredQuery(context: RequestContext): HandlerResult {
  return answering(
    () => runQuery(context),
    (failure) => response(RESPONSE_STATUS.failure, registryErrorListXml(failure.errors)),
  );
}

/** `'a'`, `('a','b')` or `('a')` (ITI-18 parameter values), one Value or several. */
function parseValues(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of raw) {
    const inner = value.trim().replace(/^\((.*)\)$/s, '$1');
    for (const match of inner.matchAll(/'((?:[^']|'')*)'|([^,\s][^,]*)/g)) {
      const item = (match[1] ?? match[2] ?? '').replace(/''/g, "'").trim();
      if (item !== '') out.push(item);
    }
  }
  return out;
}

function readParams(query: Element): Params {
  const params = new Map<string, string[]>();
  for (const slot of childElements(query, XDS_NS.rim, 'Slot')) {
    const list = firstChild(slot, XDS_NS.rim, 'ValueList');
    const raw = list === undefined ? [] : childElements(list, XDS_NS.rim, 'Value').map((v) => v.textContent ?? '');
    const name = slot.getAttribute('name') ?? '';
    params.set(name, [...(params.get(name) ?? []), ...parseValues(raw)]);
  }
  return params;
}

function runQuery(context: RequestContext): HandlerResult {
  const operation = context.request.operation;
  const query = firstChild(operation, XDS_NS.rim, 'AdhocQuery');
  const option = firstChild(operation, XDS_NS.query, 'ResponseOption');
  if (query === undefined) throw new RegistryFailure(XDS_ERRORS.unknownStoredQuery, 'AdhocQuery');
  const leafClass = (attr(option, 'returnType') ?? 'ObjectRef') === 'LeafClass';
  const params = readParams(query);
  const id = query.getAttribute('id') ?? '';
  switch (id) {
    case STORED_QUERY.findDocuments:
      return findDocuments(context, params, leafClass);
    case STORED_QUERY.getDocuments:
      return getDocuments(context, params, leafClass);
    case STORED_QUERY.findSubmissionSets:
      return findSubmissionSets(context, params, leafClass);
    case STORED_QUERY.getAssociations:
      return getAssociations(context, params);
    default:
      throw new RegistryFailure(XDS_ERRORS.unknownStoredQuery, id);
  }
}

function single(params: Params, name: string, required: boolean): string | undefined {
  const values = params.get(name) ?? [];
  if (values.length > 1 || (required && values.length === 0)) throw new RegistryFailure(XDS_ERRORS.queryParam, name);
  return values[0];
}

function patientOf(context: RequestContext, params: Params, name: string): { nir: string; oid: string } {
  const patient = parsePatientId(single(params, name, true));
  if (patient === undefined) throw new RegistryFailure(XDS_ERRORS.queryParam, name);
  checkVihfPatient(context, patient);
  return patient;
}

function vihfPatient(context: RequestContext): string {
  const nir = context.claims.patient?.nir;
  if (nir === undefined) throw new RegistryFailure(XDS_ERRORS.unknownPatient, 'resource-id');
  return nir;
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

function findDocuments(context: RequestContext, params: Params, leafClass: boolean): HandlerResult {
  const patient = patientOf(context, params, '$XDSDocumentEntryPatientId');
  const statuses = params.get('$XDSDocumentEntryStatus') ?? [];
  if (statuses.length === 0) throw new RegistryFailure(XDS_ERRORS.queryParam, '$XDSDocumentEntryStatus');
  const access = documentAccess(context, 'TD3.1', patient.nir);
  const classCodes = (params.get('$XDSDocumentEntryClassCode') ?? []).map((code) => code.split('^')[0] ?? code);
  const typeCodes = (params.get('$XDSDocumentEntryTypeCode') ?? []).map((code) => code.split('^')[0] ?? code);
  const confidentiality = (params.get('$XDSDocumentEntryConfidentialityCode') ?? []).map((c) => c.split('^')[0] ?? c);
  const entries = context.store.documents
    .findEntries({
      nir: patient.nir,
      statuses,
      classCodes,
      typeCodes,
      ...optional('creationFrom', single(params, '$XDSDocumentEntryCreationTimeFrom', false)),
      ...optional('creationTo', single(params, '$XDSDocumentEntryCreationTimeTo', false)),
      ...optional('serviceStartFrom', single(params, '$XDSDocumentEntryServiceStartTimeFrom', false)),
      ...optional('serviceStartTo', single(params, '$XDSDocumentEntryServiceStartTimeTo', false)),
      ...optional('serviceStopFrom', single(params, '$XDSDocumentEntryServiceStopTimeFrom', false)),
      ...optional('serviceStopTo', single(params, '$XDSDocumentEntryServiceStopTimeTo', false)),
    })
    .filter((entry) => canSee(entry, access.caller))
    .filter((entry) => confidentiality.length === 0 || confidentiality.some((code) => hasConfidentiality(entry, code)));
  return entriesResponse(entries, leafClass);
}

// Read from the stored metadata: every DMP code counts, INVISIBLE_REPRESENTANTS_LEGAUX included.
const hasConfidentiality = (entry: DocumentEntryRecord, code: string): boolean =>
  code === 'N' ||
  classificationsOf(entry.metadata, UUID.confidentialityCode).some((c) => c.nodeRepresentation === code);

function entriesResponse(entries: readonly DocumentEntryRecord[], leafClass: boolean): HandlerResult {
  const inner = entries
    .map((entry) =>
      leafClass ? objectXml({ ...entry.metadata, status: entry.status }, entry.version) : objectRefXml(entry.entryUuid),
    )
    .join('');
  return response(RESPONSE_STATUS.success, `<ns4:RegistryObjectList>${inner}</ns4:RegistryObjectList>`, entries.length);
}

function getDocuments(context: RequestContext, params: Params, leafClass: boolean): HandlerResult {
  const nir = vihfPatient(context);
  const uuids = params.get('$XDSDocumentEntryEntryUUID') ?? [];
  const uniqueIds = params.get('$XDSDocumentEntryUniqueId') ?? [];
  if ((uuids.length === 0) === (uniqueIds.length === 0)) {
    throw new RegistryFailure(XDS_ERRORS.queryParam, '$XDSDocumentEntryEntryUUID | $XDSDocumentEntryUniqueId');
  }
  let access: DocumentAccess;
  try {
    access = documentAccess(context, 'TD3.1', nir);
  } catch (error) {
    // A feeder without consultation rights may still find its own documents by reference (TD3.1b).
    if (!(error instanceof RegistryFailure) || error.errors[0]?.code !== DMP_CODES.deniedByRights) throw error;
    access = documentAccess(context, 'TD3.1b', nir);
  }
  const store = context.store.documents;
  const found = [
    ...uuids.map((uuid) => store.getEntry(uuid)),
    ...uniqueIds.map((uniqueId) => store.entryByUniqueId(uniqueId)),
  ].filter((entry): entry is DocumentEntryRecord => entry !== undefined && entry.nir === nir);
  const visible = found.filter((entry) => canSee(entry, access.caller));
  for (const entry of visible) traceDocument(context, access, 'TD3.1', entry.uniqueId);
  return entriesResponse(visible, leafClass);
}

function findSubmissionSets(context: RequestContext, params: Params, leafClass: boolean): HandlerResult {
  const patient = patientOf(context, params, '$XDSSubmissionSetPatientId');
  documentAccess(context, 'TD3.1', patient.nir);
  const sets = context.store.documents.findSubmissionSets(
    patient.nir,
    single(params, '$XDSSubmissionSetSubmissionTimeFrom', false),
    single(params, '$XDSSubmissionSetSubmissionTimeTo', false),
  );
  const inner = sets
    .map((set) => (leafClass ? objectXml(set.metadata, undefined) : objectRefXml(set.entryUuid)))
    .join('');
  return response(RESPONSE_STATUS.success, `<ns4:RegistryObjectList>${inner}</ns4:RegistryObjectList>`, sets.length);
}

function getAssociations(context: RequestContext, params: Params): HandlerResult {
  const nir = vihfPatient(context);
  const access = documentAccess(context, 'TD3.1', nir);
  const uuids = params.get('$uuid') ?? [];
  if (uuids.length === 0) throw new RegistryFailure(XDS_ERRORS.queryParam, '$uuid');
  const store = context.store.documents;
  // Only associations touching objects of this patient that the caller may see.
  const allowed = uuids.filter((uuid) => {
    const entry = store.getEntry(uuid);
    if (entry !== undefined) return entry.nir === nir && canSee(entry, access.caller);
    return store.getSubmissionSet(uuid)?.nir === nir;
  });
  const associations = store.associationsOf(allowed);
  const inner = associations.map(associationXml).join('');
  return response(
    RESPONSE_STATUS.success,
    `<ns4:RegistryObjectList>${inner}</ns4:RegistryObjectList>`,
    associations.length,
  );
}
