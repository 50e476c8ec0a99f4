import { classifyActor, patientState } from './actor';
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
}

export interface HandlerResult {
  /** Namespace the envelope declares as ns1, as the official answers do. */
  readonly ns1: string;
  readonly action: string;
  readonly body: string;
}

export type TransactionHandler = (context: RequestContext) => HandlerResult;

export interface Checked {
  readonly decision: Decision;
  readonly actor: Actor;
  readonly dmp: DmpRecord | undefined;
}

/** Applies the rights matrix for one patient and records the access, allowed or not (access history). */
export function checkAccess(context: RequestContext, transaction: RightsTransaction, nir: string | undefined): Checked {
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
  });
  return { decision, actor, dmp };
}
