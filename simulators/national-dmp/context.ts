import { classifyActor, patientState } from './actor';
import type { OutgoingAttachment } from './mtom';
import { OID } from './namespaces';
import { decide, type Actor, type Decision, type RightsTransaction } from './rights';
import type { SoapRequest } from './soap';
import type { DmpRecord, SimulatorStore } from './store/store';
import type { VihfClaims } from './vihf';

/** Everything a transaction handler may use; built once per verified request. */
export interface RequestContext {
  readonly store: SimulatorStore;
  readonly claims: VihfClaims;
  readonly request: SoapRequest;
  readonly now: Date;
  readonly refuseCreation: boolean;
  /** MTOM parts of the request by Content-ID (ITI-41); empty for plain SOAP. */
  readonly attachments: ReadonlyMap<string, Buffer>;
}

export interface HandlerResult {
  /** Namespace the envelope declares as ns1, as the official answers do. */
  readonly ns1: string;
  readonly body: string;
  /** Binary parts of an MTOM answer (ITI-43), referenced from the body by xop:Include. */
  readonly attachments?: readonly OutgoingAttachment[];
  /** The answer is a refusal carried in a success envelope (XDS RegistryResponse Failure): nothing committed. */
  readonly refused?: boolean;
}

export type TransactionHandler = (context: RequestContext) => HandlerResult;

export interface Checked {
  readonly decision: Decision;
  readonly actor: Actor;
  readonly dmp: DmpRecord | undefined;
}

/** Applies the rights matrix for one patient and records the access, allowed or not (access history). */
export function checkAccess(
  context: RequestContext,
  transaction: RightsTransaction,
  nir: string | undefined,
  trace: { readonly documentUniqueId?: string; readonly reason?: string } = {},
): Checked {
  registerProfessional(context);
  const dmp = nir === undefined ? undefined : context.store.getDmp(nir);
  const actor = classifyActor(context.claims, context.store, dmp);
  const decision = decide(actor, transaction, patientState(context.store, dmp, actor));
  context.store.logAccess({
    at: context.now.toISOString(),
    nir: nir ?? null,
    actorId: context.claims.nameId,
    structureId: context.claims.structureId,
    authMode: context.claims.authMode,
    accessMode: actor.mode,
    transaction,
    outcome: decision.allow ? 'allow' : decision.code,
    documentUniqueId: trace.documentUniqueId ?? null,
    reason: trace.reason ?? null,
  });
  return { decision, actor, dmp };
}

/**
 * The real DMP knows every professional from the national directory; the simulator learns the ones
 * that call it, so TD1.6 can name them. Seeded records (and their occupational flag) are kept.
 */
function registerProfessional(context: RequestContext): void {
  const { claims, store } = context;
  const profession = claims.roles[0];
  if (claims.authMode === 'INDIRECTE' || profession?.codeSystem !== OID.professions) return;
  if (store.getProfessional(claims.nameId) !== undefined) return;
  // subject-id is "Prénom Nom [service]"; without it the name stays unknown.
  const [given = '', ...family] = (claims.subjectId ?? '').split(' ');
  store.upsertProfessional({
    nationalId: claims.nameId,
    family: family.join(' '),
    given,
    profession: profession.code,
    specialty: claims.roles[1]?.code ?? null,
    structureId: claims.structureId,
    occupational: false,
  });
}
