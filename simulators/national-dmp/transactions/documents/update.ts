import { randomUUID } from 'node:crypto';
import { firstChild } from '../../../xml/safe-xml';
import type { HandlerResult, RequestContext } from '../../context';
import type { RightsTransaction } from '../../rights';
import type { DocumentEntryRecord } from '../../store/documents';
import { canChangeConfidentiality, canDeleteOrArchive } from '../../xds/document-rights';
import {
  classificationsOf,
  externalId,
  readObjectList,
  slotValue,
  type RimAssociation,
  type RimObject,
} from '../../xds/ebrim';
import { ASSOCIATION, CONFIDENTIALITY, STATUS, UUID, XDS_NS } from '../../xds/constants';
import { RegistryFailure, registryResponseXml, XDS_ERRORS } from '../../xds/registry-errors';
import { inValueSet } from '../../xds/value-sets';
import {
  answering,
  checkVihfPatient,
  documentAccess,
  parsePatientId,
  storing,
  xcnId,
  xonId,
  type DocumentAccess,
} from './common';
import { entryRecord, registered } from './provide';

const answer = (errors: RegistryFailure['errors'] = []): HandlerResult => ({
  ns1: XDS_NS.lcm,
  body: registryResponseXml(errors),
  ...(errors.length === 0 ? {} : { refused: true }),
});

/** TD3.3a–d: ITI-57 Update Document Set (metadata versions and availability status). */
export function handleUpdateDocumentSet(context: RequestContext): HandlerResult {
  return answering(
    () => {
      update(context);
      return answer();
    },
    (failure) => answer(failure.errors),
  );
}

/** Availability transitions the DMP offers, and the TD each one is (dmp-interface.md §4, §5). */
const TRANSITIONS: readonly { from: string; to: string; td: RightsTransaction; op: 'archive' | 'delete' }[] = [
  { from: STATUS.approved, to: STATUS.archived, td: 'TD3.3d', op: 'archive' },
  { from: STATUS.archived, to: STATUS.approved, td: 'TD3.3d', op: 'archive' },
  { from: STATUS.approved, to: STATUS.deleted, td: 'TD3.3c', op: 'delete' },
  { from: STATUS.archived, to: STATUS.deleted, td: 'TD3.3c', op: 'delete' },
];

function update(context: RequestContext): void {
  const list = firstChild(context.request.operation, XDS_NS.rim, 'RegistryObjectList');
  if (list === undefined) throw new RegistryFailure(XDS_ERRORS.metadata, 'RegistryObjectList');
  const { objects, associations } = readObjectList(list);
  const submissionSet = objects.find((object) => object.kind === 'RegistryPackage');
  if (submissionSet === undefined) throw new RegistryFailure(XDS_ERRORS.metadata, 'SubmissionSet');
  const patient = parsePatientId(externalId(submissionSet, UUID.ssPatientId));
  if (patient === undefined) throw new RegistryFailure(XDS_ERRORS.metadata, 'XDSSubmissionSet.patientId');
  checkVihfPatient(context, patient);

  const statusChanges = associations.filter((a) => a.type === ASSOCIATION.updateAvailabilityStatus);
  const entries = objects.filter((object) => object.kind === 'ExtrinsicObject');
  if (statusChanges.length + entries.length !== 1) {
    // One change per request keeps each TD's rights and history line distinct.
    throw new RegistryFailure(XDS_ERRORS.metadataUpdate, 'One document per update');
  }
  const change = statusChanges[0];
  if (change !== undefined) {
    changeStatus(context, patient.nir, change);
    return;
  }
  const entry = entries[0];
  if (entry !== undefined) newMetadataVersion(context, patient.nir, entry, associations, submissionSet);
}

function current(context: RequestContext, nir: string, reference: string): DocumentEntryRecord {
  const store = context.store.documents;
  const byUuid = store.getEntry(reference);
  const entry = byUuid === undefined ? store.latestVersion(reference) : store.latestVersion(byUuid.lid);
  if (entry === undefined || entry.nir !== nir) throw new RegistryFailure(XDS_ERRORS.unresolvedReference, reference);
  return entry;
}

function changeStatus(context: RequestContext, nir: string, change: RimAssociation): void {
  const entry = current(context, nir, change.target);
  const from = slotValue(change, 'OriginalStatus');
  const to = slotValue(change, 'NewStatus');
  const transition = TRANSITIONS.find((t) => t.from === from && t.to === to);
  if (transition === undefined) throw new RegistryFailure(XDS_ERRORS.metadataUpdate, `${from} -> ${to}`);
  const access = documentAccess(context, transition.td, nir, entry.uniqueId);
  if (entry.status !== from) throw new RegistryFailure(XDS_ERRORS.metadataUpdate, `OriginalStatus ${entry.status}`);
  if (!canDeleteOrArchive(entry, access.caller, transition.op)) {
    throw new RegistryFailure('DMPAccessDeniedByRightsService', entry.uniqueId);
  }
  context.store.documents.setEntryStatus(entry.entryUuid, transition.to);
}

const confidentialityCodes = (object: RimObject): Set<string> =>
  new Set(classificationsOf(object, UUID.confidentialityCode).map((c) => c.nodeRepresentation ?? ''));

function newMetadataVersion(
  context: RequestContext,
  nir: string,
  object: RimObject,
  associations: readonly RimAssociation[],
  submissionSet: RimObject,
): void {
  if (object.lid === undefined) throw new RegistryFailure(XDS_ERRORS.metadataUpdate, 'lid');
  const previous = current(context, nir, object.lid);
  const member = associations.find((a) => a.type === ASSOCIATION.hasMember && a.target === object.id);
  const previousVersion = member === undefined ? undefined : slotValue(member, 'PreviousVersion');
  if (previousVersion !== String(previous.version)) {
    throw new RegistryFailure(XDS_ERRORS.metadataVersion, `PreviousVersion=${previousVersion ?? ''}`);
  }
  if (previous.status !== STATUS.approved) throw new RegistryFailure(XDS_ERRORS.metadataUpdate, previous.status);
  if (externalId(object, UUID.deUniqueId) !== previous.uniqueId) {
    throw new RegistryFailure(XDS_ERRORS.metadataUpdate, 'uniqueId is immutable');
  }
  const ownPatient = parsePatientId(externalId(object, UUID.dePatientId));
  if (ownPatient?.nir !== nir) throw new RegistryFailure(XDS_ERRORS.patientMismatch, object.id);
  for (const c of classificationsOf(object, UUID.confidentialityCode)) {
    if (!inValueSet('confidentialityCode', c.nodeRepresentation ?? '', slotValue(c, 'codingScheme') ?? '')) {
      throw new RegistryFailure(XDS_ERRORS.invalidCode, 'confidentialityCode');
    }
  }

  const access: DocumentAccess = documentAccess(context, 'TD3.3ab', nir, previous.uniqueId);
  const before = confidentialityCodes(previous.metadata);
  const after = confidentialityCodes(object);
  for (const code of [
    CONFIDENTIALITY.masked,
    CONFIDENTIALITY.invisiblePatient,
    CONFIDENTIALITY.invisibleRepresentatives,
  ]) {
    if (before.has(code) === after.has(code)) continue;
    const direction = after.has(code) ? 'restrict' : 'lift';
    if (!canChangeConfidentiality(previous, access.caller, direction)) {
      throw new RegistryFailure('DMPAccessDeniedByRightsService', `${code} ${direction}`);
    }
  }

  // Hash, size and repository belong to the stored document, whatever the update says.
  const kept = new Set(['hash', 'size', 'repositoryUniqueId']);
  const metadata: RimObject = {
    ...object,
    slots: [
      ...object.slots.filter((slot) => !kept.has(slot.name)),
      ...previous.metadata.slots.filter((slot) => kept.has(slot.name)),
    ],
  };
  // As in ITI-41, an id that is already a UUID is the submitter's: the new version keeps it (a
  // client can look its change up by it); a symbolic id gets one assigned here. Never a second
  // entry under one entryUUID.
  const entryUuid = object.id.startsWith('urn:uuid:') ? object.id : `urn:uuid:${randomUUID()}`;
  if (context.store.documents.getEntry(entryUuid) !== undefined) {
    throw new RegistryFailure(XDS_ERRORS.metadataUpdate, `entryUUID ${entryUuid} already registered`);
  }
  const ids = new Map<string, string>();
  const uuidOf = (symbolic: string): string => {
    const fresh = ids.get(symbolic) ?? `urn:uuid:${randomUUID()}`;
    ids.set(symbolic, fresh);
    return fresh;
  };
  const version = registered(metadata, entryUuid, STATUS.approved, uuidOf, previous.lid);
  const at = context.now.toISOString();
  const ssUuid = uuidOf(submissionSet.id);
  const ssAuthor = classificationsOf(submissionSet, UUID.ssAuthor)[0];
  storing(context, () => {
    // The update is a submission like any other: FindSubmissionSets on its time finds it, and
    // its HasMember leads to the new version (ITI-57 registers both, with PreviousVersion).
    context.store.documents.insertSubmissionSet({
      entryUuid: ssUuid,
      uniqueId: externalId(submissionSet, UUID.ssUniqueId) ?? '',
      nir,
      sourceId: externalId(submissionSet, UUID.ssSourceId) ?? '',
      submissionTime: slotValue(submissionSet, 'submissionTime') ?? '',
      authorId: xcnId(ssAuthor && slotValue(ssAuthor, 'authorPerson')),
      authorStructure: xonId(ssAuthor && slotValue(ssAuthor, 'authorInstitution')) ?? context.claims.structureId,
      receivedAt: at,
      metadata: registered(submissionSet, ssUuid, STATUS.approved, uuidOf),
    });
    if (member !== undefined) {
      context.store.documents.insertAssociation({
        id: uuidOf(member.id === '' ? `assoc-${randomUUID()}` : member.id),
        type: ASSOCIATION.hasMember,
        source: ssUuid,
        target: entryUuid,
        submissionSet: ssUuid,
        slots: member.slots,
      });
    }
    context.store.documents.setEntryStatus(previous.entryUuid, STATUS.deprecated);
    context.store.documents.insertEntry({
      ...entryRecord(version, previous.version + 1, nir, previous.submissionSet, at, context.claims.structureId),
      // Authorship does not move with a metadata update.
      authorId: previous.authorId,
      authorStructure: previous.authorStructure,
      submittedAt: previous.submittedAt,
    });
  });
}
