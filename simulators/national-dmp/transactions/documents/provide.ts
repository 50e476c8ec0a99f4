import { createHash, randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { attr, childElements, childPath, firstChild, parseUntrustedXml, UnsafeXmlError } from '../../../xml/safe-xml';
import type { HandlerResult, RequestContext } from '../../context';
import { MtomError, resolveCid } from '../../mtom';
import { INS_OIDS } from '../../namespaces';
import type { DocumentEntryRecord } from '../../store/documents';
import { canDeleteOrArchive } from '../../xds/document-rights';
import { classificationsOf, externalId, readObjectList, slotValue, type RimObject } from '../../xds/ebrim';
import {
  ASSOCIATION,
  CONFIDENTIALITY,
  DMP_REPOSITORY_ID,
  SIGNATURE_CLASS_CODE,
  STATUS,
  UUID,
  XDS_NS,
} from '../../xds/constants';
import { RegistryFailure, registryResponseXml, XDS_ERRORS } from '../../xds/registry-errors';
import { inValueSet, type CodedMetadata } from '../../xds/value-sets';
import { checkSignatureManifest, XadesCheckError } from '../../xds/xades';
import { answering, checkVihfPatient, documentAccess, parsePatientId, storing, xcnId, xonId } from './common';

const fail = (code: string, context: string): never => {
  throw new RegistryFailure(code, context);
};

const answer = (errors: RegistryFailure['errors'] = []): HandlerResult => ({
  ns1: XDS_NS.xdsb,
  body: registryResponseXml(errors),
  ...(errors.length === 0 ? {} : { refused: true }),
});

/** TD2.1: ITI-41 Provide and Register Document Set-b (dmp-interface.md §5). */
export function handleProvideAndRegister(context: RequestContext): HandlerResult {
  return answering(
    () => {
      provide(context);
      return answer();
    },
    (failure) => answer(failure.errors),
  );
}

const CODED: readonly { scheme: string; metadata: CodedMetadata; required: boolean }[] = [
  { scheme: UUID.classCode, metadata: 'classCode', required: true },
  { scheme: UUID.typeCode, metadata: 'typeCode', required: true },
  { scheme: UUID.formatCode, metadata: 'formatCode', required: true },
  { scheme: UUID.confidentialityCode, metadata: 'confidentialityCode', required: true },
  { scheme: UUID.facilityTypeCode, metadata: 'healthcareFacilityTypeCode', required: true },
  { scheme: UUID.practiceSettingCode, metadata: 'practiceSettingCode', required: true },
];
const REQUIRED_SLOTS = ['creationTime', 'languageCode', 'sourcePatientId'];

function provide(context: RequestContext): void {
  const operation = context.request.operation;
  const submit = firstChild(operation, XDS_NS.lcm, 'SubmitObjectsRequest');
  const list = submit && firstChild(submit, XDS_NS.rim, 'RegistryObjectList');
  if (list === undefined) return fail(XDS_ERRORS.metadata, 'RegistryObjectList');
  const { objects, associations, classifications } = readObjectList(list);

  const isSubmissionSet = (object: RimObject): boolean =>
    object.kind === 'RegistryPackage' &&
    (object.classifications.some((c) => c.node === UUID.submissionSet) ||
      classifications.some((c) => c.classifiedObject === object.id && c.node === UUID.submissionSet));
  const sets = objects.filter(isSubmissionSet);
  const submissionSet = sets[0];
  if (sets.length !== 1 || submissionSet === undefined) return fail(XDS_ERRORS.metadata, 'SubmissionSet');
  const entries = objects.filter((object) => object.kind === 'ExtrinsicObject');
  if (entries.length === 0) return fail(XDS_ERRORS.missingMetadata, 'DocumentEntry');

  // Patient: the same INS in the SubmissionSet, every DocumentEntry and the VIHF.
  const patient = parsePatientId(externalId(submissionSet, UUID.ssPatientId));
  if (patient === undefined) return fail(XDS_ERRORS.metadata, 'XDSSubmissionSet.patientId');
  for (const entry of entries) {
    const own = parsePatientId(externalId(entry, UUID.dePatientId));
    if (own === undefined) fail(XDS_ERRORS.metadata, `${entry.id}: XDSDocumentEntry.patientId`);
    if (own?.nir !== patient.nir || own.oid !== patient.oid) fail(XDS_ERRORS.patientMismatch, entry.id);
  }
  checkVihfPatient(context, patient);

  const ssUniqueId = externalId(submissionSet, UUID.ssUniqueId);
  const sourceId = externalId(submissionSet, UUID.ssSourceId);
  const submissionTime = slotValue(submissionSet, 'submissionTime');
  if (ssUniqueId === undefined || sourceId === undefined || submissionTime === undefined) {
    return fail(XDS_ERRORS.metadata, 'SubmissionSet uniqueId, sourceId, submissionTime');
  }
  if (classificationsOf(submissionSet, UUID.ssContentType).length !== 1) {
    return fail(XDS_ERRORS.metadata, 'XDSSubmissionSet.contentTypeCode');
  }
  for (const entry of entries) checkEntryMetadata(entry);

  const contents = readDocuments(operation, context.attachments);
  const documents = new Map<string, Buffer>();
  for (const entry of entries) {
    const content = contentFor(contents, entry.id);
    if (content === undefined) fail(XDS_ERRORS.missingDocument, entry.id);
    else documents.set(entry.id, content);
  }
  if (contents.size !== entries.length) fail(XDS_ERRORS.missingMetadata, 'Document without DocumentEntry');
  for (const entry of entries) checkCdaPatient(entry, documents.get(entry.id), patient);

  // The mandatory XAdES signature document, linked to the SubmissionSet by `signs`.
  const signatures = entries.filter((entry) => classCode(entry) === SIGNATURE_CLASS_CODE);
  const signature = signatures[0];
  const signs = associations.filter((a) => a.type === ASSOCIATION.signs);
  if (
    signatures.length !== 1 ||
    signature === undefined ||
    !signs.some((a) => a.source === signature.id && a.target === submissionSet.id)
  ) {
    return fail(XDS_ERRORS.signatureMissing, 'Signature document linked by signs');
  }
  const signed = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry === signature) continue;
    signed.set(uniqueIdOf(entry), documents.get(entry.id) ?? Buffer.alloc(0));
  }
  try {
    checkSignatureManifest(documents.get(signature.id) ?? Buffer.alloc(0), signed);
  } catch (error) {
    if (!(error instanceof XadesCheckError)) throw error;
    return fail(XDS_ERRORS.signatureDigest, error.uniqueId ?? error.problem);
  }

  for (const entry of entries) {
    if (
      !associations.some(
        (a) => a.type === ASSOCIATION.hasMember && a.source === submissionSet.id && a.target === entry.id,
      )
    ) {
      fail(XDS_ERRORS.metadata, `HasMember ${entry.id}`);
    }
    const uniqueId = uniqueIdOf(entry);
    if (context.store.documents.uniqueIdExists(uniqueId)) fail(XDS_ERRORS.duplicateUniqueId, uniqueId);
    const content = documents.get(entry.id) ?? Buffer.alloc(0);
    const declaredHash = slotValue(entry, 'hash');
    const declaredSize = slotValue(entry, 'size');
    if (declaredHash !== undefined && declaredHash.toLowerCase() !== sha1(content))
      fail('XDSNonIdenticalHash', entry.id);
    if (declaredSize !== undefined && Number(declaredSize) !== content.length) fail('XDSNonIdenticalSize', entry.id);
  }

  // Rights last, once the submission is known to be well formed: the history line names the document.
  const first = entries.find((entry) => entry !== signature);
  const access = documentAccess(context, 'TD2.1', patient.nir, first === undefined ? undefined : uniqueIdOf(first));

  // Replacement: RPLC from a new entry to the current version of an existing one, same patient, owned by the caller.
  const replaced: DocumentEntryRecord[] = [];
  for (const rplc of associations.filter((a) => a.type === ASSOCIATION.rplc)) {
    const previous = context.store.documents.getEntry(rplc.target);
    if (previous === undefined || !entries.some((entry) => entry.id === rplc.source)) {
      fail(XDS_ERRORS.unresolvedReference, rplc.target);
    } else if (previous.status !== STATUS.approved || previous.nir !== patient.nir) {
      fail(XDS_ERRORS.metadata, `RPLC ${rplc.target}`);
    } else if (!canDeleteOrArchive(previous, access.caller, 'delete')) {
      fail('DMPAccessDeniedByRightsService', `RPLC ${rplc.target}`);
    } else {
      replaced.push(previous);
    }
  }

  const at = context.now.toISOString();
  const ids = new Map<string, string>();
  const uuidOf = (symbolic: string): string => {
    if (symbolic.startsWith('urn:uuid:')) return symbolic;
    const known = ids.get(symbolic);
    if (known !== undefined) return known;
    const fresh = `urn:uuid:${randomUUID()}`;
    ids.set(symbolic, fresh);
    return fresh;
  };
  const ssAuthor = classificationsOf(submissionSet, UUID.ssAuthor)[0];
  const store = context.store.documents;
  storing(context, () => {
    const ssUuid = uuidOf(submissionSet.id);
    store.insertSubmissionSet({
      entryUuid: ssUuid,
      uniqueId: ssUniqueId,
      nir: patient.nir,
      sourceId,
      submissionTime,
      authorId: xcnId(ssAuthor && slotValue(ssAuthor, 'authorPerson')),
      authorStructure: xonId(ssAuthor && slotValue(ssAuthor, 'authorInstitution')) ?? context.claims.structureId,
      receivedAt: at,
      metadata: registered(submissionSet, ssUuid, STATUS.approved, uuidOf),
    });
    for (const entry of entries) {
      const content = documents.get(entry.id) ?? Buffer.alloc(0);
      const entryUuid = uuidOf(entry.id);
      const uniqueId = uniqueIdOf(entry);
      const hash = sha1(content);
      const withSlots: RimObject = {
        ...entry,
        slots: [
          ...entry.slots.filter((slot) => !['hash', 'size', 'repositoryUniqueId'].includes(slot.name)),
          { name: 'hash', values: [hash] },
          { name: 'size', values: [String(content.length)] },
          { name: 'repositoryUniqueId', values: [DMP_REPOSITORY_ID] },
        ],
      };
      const metadata = registered(withSlots, entryUuid, STATUS.approved, uuidOf);
      store.insertEntry(entryRecord(metadata, 1, patient.nir, ssUuid, at, context.claims.structureId));
      store.insertContent({ uniqueId, mimeType: entry.mimeType ?? 'text/xml', hash, size: content.length, content });
    }
    for (const association of associations) {
      store.insertAssociation({
        id: uuidOf(association.id === '' ? `assoc-${randomUUID()}` : association.id),
        type: association.type,
        source: uuidOf(association.source),
        target: uuidOf(association.target),
        submissionSet: ssUuid,
        slots: association.slots,
      });
    }
    for (const previous of replaced) store.setEntryStatus(previous.entryUuid, STATUS.deprecated);
  });
}

const CDA_NS = 'urn:hl7-org:v3';

/** A CDA's recordTarget INS must be the submission's patient (the header is what readers display). */
function checkCdaPatient(entry: RimObject, content: Buffer | undefined, patient: { nir: string; oid: string }): void {
  if (content === undefined || entry.mimeType !== 'text/xml' || classCode(entry) === SIGNATURE_CLASS_CODE) return;
  let root: Element | null;
  try {
    root = parseUntrustedXml(content.toString('utf8').replace(/^\uFEFF/, ''), Number.MAX_SAFE_INTEGER).documentElement;
  } catch (error) {
    if (error instanceof UnsafeXmlError)
      throw new RegistryFailure(XDS_ERRORS.metadata, `${entry.id}: not well-formed XML`);
    throw error;
  }
  if (root?.namespaceURI !== CDA_NS || root.localName !== 'ClinicalDocument') return;
  const patientRole = childPath(root, CDA_NS, 'recordTarget', 'patientRole');
  const insIds = (patientRole === undefined ? [] : childElements(patientRole, CDA_NS, 'id')).filter((id) =>
    INS_OIDS.includes(id.getAttribute('root') ?? ''),
  );
  if (!insIds.some((id) => id.getAttribute('extension') === patient.nir && id.getAttribute('root') === patient.oid)) {
    throw new RegistryFailure(XDS_ERRORS.patientMismatch, `${entry.id}: recordTarget`);
  }
}

const sha1 = (content: Buffer): string => createHash('sha1').update(content).digest('hex');

function uniqueIdOf(entry: RimObject): string {
  return externalId(entry, UUID.deUniqueId) ?? '';
}

function classCode(entry: RimObject): string | undefined {
  return classificationsOf(entry, UUID.classCode)[0]?.nodeRepresentation;
}

function checkEntryMetadata(entry: RimObject): void {
  const uniqueId = externalId(entry, UUID.deUniqueId);
  if (uniqueId === undefined || !/^[0-9.]+$|^[0-9.]+\^[\w.-]+$/.test(uniqueId)) {
    fail(XDS_ERRORS.metadata, `${entry.id}: XDSDocumentEntry.uniqueId`);
  }
  if (entry.mimeType === undefined || entry.mimeType === '') fail(XDS_ERRORS.metadata, `${entry.id}: mimeType`);
  for (const name of REQUIRED_SLOTS) {
    if (slotValue(entry, name) === undefined) fail(XDS_ERRORS.metadata, `${entry.id}: ${name}`);
  }
  if (classificationsOf(entry, UUID.deAuthor).length === 0) fail(XDS_ERRORS.metadata, `${entry.id}: author`);
  for (const coded of CODED) {
    const values = classificationsOf(entry, coded.scheme);
    if (coded.required && values.length === 0) fail(XDS_ERRORS.metadata, `${entry.id}: ${coded.metadata}`);
    if (coded.metadata !== 'confidentialityCode' && values.length > 1) {
      fail(XDS_ERRORS.metadata, `${entry.id}: ${coded.metadata} repeated`);
    }
    for (const value of values) {
      const code = value.nodeRepresentation ?? '';
      const scheme = slotValue(value, 'codingScheme') ?? '';
      if (!inValueSet(coded.metadata, code, scheme)) fail(XDS_ERRORS.invalidCode, `${entry.id}: ${coded.metadata}`);
    }
  }
  const confidentiality = classificationsOf(entry, UUID.confidentialityCode).map((c) => c.nodeRepresentation);
  if (!confidentiality.includes('N')) fail(XDS_ERRORS.invalidCode, `${entry.id}: confidentialityCode N`);
}

/** The object as the registry keeps it: its entryUUID, lid, status, and ids of its parts. */
export function registered(
  object: RimObject,
  entryUuid: string,
  status: string,
  uuidOf: (symbolic: string) => string,
  lid = entryUuid,
): RimObject {
  return {
    ...object,
    id: entryUuid,
    lid: object.kind === 'ExtrinsicObject' ? lid : undefined,
    status,
    classifications: object.classifications.map((c) => ({ ...c, id: uuidOf(c.id || `cl-${randomUUID()}`) })),
    externalIdentifiers: object.externalIdentifiers.map((e) => ({ ...e, id: uuidOf(e.id || `ei-${randomUUID()}`) })),
  };
}

/** The indexed columns of a DocumentEntry version, read from its metadata. */
export function entryRecord(
  metadata: RimObject,
  version: number,
  nir: string,
  submissionSet: string,
  at: string,
  callerStructure: string,
): DocumentEntryRecord {
  const author = classificationsOf(metadata, UUID.deAuthor)[0];
  const confidentiality = classificationsOf(metadata, UUID.confidentialityCode).map((c) => c.nodeRepresentation);
  return {
    entryUuid: metadata.id,
    lid: metadata.lid ?? metadata.id,
    version,
    uniqueId: externalId(metadata, UUID.deUniqueId) ?? '',
    nir,
    status: metadata.status ?? STATUS.approved,
    isSignature: classCode(metadata) === SIGNATURE_CLASS_CODE,
    authorId: xcnId(author && slotValue(author, 'authorPerson')),
    // A document sent in indirect mode is imputed to the structure (M526 note 4).
    authorStructure: xonId(author && slotValue(author, 'authorInstitution')) ?? callerStructure,
    classCode: classCode(metadata) ?? null,
    typeCode: classificationsOf(metadata, UUID.typeCode)[0]?.nodeRepresentation ?? null,
    creationTime: slotValue(metadata, 'creationTime') ?? null,
    serviceStart: slotValue(metadata, 'serviceStartTime') ?? null,
    serviceStop: slotValue(metadata, 'serviceStopTime') ?? null,
    masked: confidentiality.includes(CONFIDENTIALITY.masked),
    invisiblePatient: confidentiality.includes(CONFIDENTIALITY.invisiblePatient),
    submissionSet,
    submittedAt: at,
    metadata,
  };
}

/** The Document elements of the request: an xop:Include into an MTOM part, or inline base64. */
function readDocuments(operation: Element, attachments: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const documents = new Map<string, Buffer>();
  for (const document of childElements(operation, XDS_NS.xdsb, 'Document')) {
    const id = document.getAttribute('id') ?? '';
    const include = firstChild(document, XDS_NS.xop, 'Include');
    let content: Buffer;
    if (include === undefined) {
      content = Buffer.from((document.textContent ?? '').replace(/\s/g, ''), 'base64');
    } else {
      try {
        content = resolveCid(attr(include, 'href') ?? '', attachments);
      } catch (error) {
        if (error instanceof MtomError) throw new RegistryFailure(XDS_ERRORS.missingDocument, id);
        throw error;
      }
    }
    if (documents.has(id)) throw new RegistryFailure(XDS_ERRORS.metadata, `Document ${id} repeated`);
    documents.set(id, content);
  }
  return documents;
}

/** The official TD2.1 example writes Document id="documentME2" for ExtrinsicObject "DocumentME2". */
function contentFor(contents: ReadonlyMap<string, Buffer>, id: string): Buffer | undefined {
  const exact = contents.get(id);
  if (exact !== undefined) return exact;
  const matches = [...contents].filter(([key]) => key.toLowerCase() === id.toLowerCase());
  return matches.length === 1 ? matches[0]?.[1] : undefined;
}
