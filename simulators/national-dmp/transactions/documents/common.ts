import { checkAccess, type HandlerResult, type RequestContext } from '../../context';
import { DMP_CODES } from '../../fault-codes';
import type { Actor, RightsTransaction } from '../../rights';
import { SoapFault } from '../../soap';
import type { DmpRecord } from '../../store/store';
import type { DocumentCaller } from '../../xds/document-rights';
import { RegistryFailure, XDS_ERRORS } from '../../xds/registry-errors';

/** `NIR^^^&OID&ISO^NH`, optionally followed by `^^date` as in some official samples. */
export function parsePatientId(value: string | undefined): { nir: string; oid: string } | undefined {
  if (value === undefined) return undefined;
  const match = /^([0-9AB]{13}[0-9]{2})\^\^\^&([0-9.]+)&ISO\^NH(\^.*)?$/.exec(value.trim());
  return match?.[1] === undefined || match[2] === undefined ? undefined : { nir: match[1], oid: match[2] };
}

/** The id of an XCN author (`899900063480^MAX^LIBRE^...`). */
export function xcnId(value: string | undefined): string | null {
  const id = value?.split('^')[0]?.trim();
  return id === undefined || id === '' ? null : id;
}

/** The structure id of an XON institution (`NAME^^^^^&OID&ISO^IDNST^^^<id>`). */
export function xonId(value: string | undefined): string | null {
  const id = value?.split('^')[9]?.trim();
  return id === undefined || id === '' ? null : id;
}

export interface DocumentAccess {
  readonly actor: Actor;
  readonly dmp: DmpRecord;
  readonly caller: DocumentCaller;
}

const REFUSALS: Readonly<Partial<Record<string, string>>> = {
  [DMP_CODES.notFound]: XDS_ERRORS.unknownPatient,
};

/**
 * Rights for a document transaction on one patient: emergency reason, matrix, patient state. The
 * access lands in the history either way; a refusal becomes a RegistryError with the DMP code.
 */
export function documentAccess(
  context: RequestContext,
  transaction: RightsTransaction,
  nir: string,
  documentUniqueId?: string,
): DocumentAccess {
  const { claims } = context;
  const reason = claims.accessReason;
  const trace = {
    ...(documentUniqueId === undefined ? {} : { documentUniqueId }),
    ...(reason === undefined ? {} : { reason }),
  };
  const emergency = claims.purposeOfUse !== 'normal';
  if (emergency && reason === undefined) {
    context.store.logAccess({
      at: context.now.toISOString(),
      nir,
      actorId: claims.nameId,
      structureId: claims.structureId,
      authMode: claims.authMode,
      accessMode: claims.purposeOfUse === 'centre_15' ? 'regulation' : 'bris_de_glace',
      transaction,
      outcome: XDS_ERRORS.emergencyReason,
      documentUniqueId: documentUniqueId ?? null,
      reason: null,
    });
    throw new RegistryFailure(XDS_ERRORS.emergencyReason, 'Mode_Acces_Raison');
  }
  const { decision, actor, dmp } = checkAccess(context, transaction, nir, trace);
  if (!decision.allow) throw new RegistryFailure(REFUSALS[decision.code] ?? decision.code, transaction);
  if (dmp === undefined) throw new RegistryFailure(XDS_ERRORS.unknownPatient, transaction);
  return {
    actor,
    dmp,
    caller: {
      actor,
      claims,
      maskedVisibleInEmergency: context.store.documents.maskedVisibleInEmergency(nir),
    },
  };
}

/** Records one more document touched by an allowed transaction (each read is its own line). */
export function traceDocument(
  context: RequestContext,
  access: DocumentAccess,
  transaction: RightsTransaction,
  documentUniqueId: string,
): void {
  context.store.logAccess({
    at: context.now.toISOString(),
    nir: access.dmp.nir,
    actorId: context.claims.nameId,
    structureId: context.claims.structureId,
    authMode: context.claims.authMode,
    accessMode: access.actor.mode,
    transaction,
    outcome: 'allow',
    documentUniqueId,
    reason: context.claims.accessReason ?? null,
  });
}

/** The VIHF's patient must be the one the request is about (dmp-interface.md §10.2). */
export function checkVihfPatient(context: RequestContext, patient: { nir: string; oid: string }): void {
  const fromVihf = context.claims.patient;
  if (fromVihf === undefined) throw new SoapFault(DMP_CODES.invalidVihf, 'No patient in the VIHF');
  if (fromVihf.nir !== patient.nir || fromVihf.oid !== patient.oid) {
    throw new RegistryFailure(XDS_ERRORS.patientMismatch, 'resource-id');
  }
}

/** Runs a document handler; a RegistryFailure becomes the transaction's own failure answer. */
export function answering(
  work: () => HandlerResult,
  onFailure: (failure: RegistryFailure) => HandlerResult,
): HandlerResult {
  try {
    return work();
  } catch (error) {
    if (error instanceof RegistryFailure) return onFailure(error);
    throw error;
  }
}

/** XDS timestamps (`YYYYMMDDhhmmss`, UTC). */
export const xdsTime = (date: Date): string => date.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/**
 * Runs the writes of a transaction; a uniqueness clash (an entryUUID or uniqueId the client sent
 * that the registry already holds) is the client's error, not the simulator's.
 */
export function storing(context: RequestContext, work: () => void): void {
  try {
    context.store.transaction(work);
  } catch (error) {
    if (
      error instanceof Error &&
      (error as { code?: unknown }).code?.toString().startsWith('SQLITE_CONSTRAINT') === true
    ) {
      throw new RegistryFailure(XDS_ERRORS.duplicateUniqueId, 'identifier already registered');
    }
    throw error;
  }
}
