import type { DmpPatientRef } from '../../shared/api';
import type { DmpAccessMode } from '../../shared/domain/dmp';
import type { IdentityTraits } from '../../shared/domain/identity';
import { AppError, isAppError } from '../../shared/errors';
import type { TransactionAudit } from '../audit';
import type { DmpEndpointConfig } from '../config/runtime';
import type { Logger } from '../log/logger';
import type { PatientSessions, QualifiedPatient } from '../session/patient-sessions';
import type { PractitionerContext, PractitionerSession } from '../session/practitioner-session';
import { withEmergencyReason, type DmpClient, type DmpConnection } from './client';
import type { EmergencyMode, EmergencySessions } from './emergency-session';

/** How a transaction says which access mode it is made in. */
export type EmergencyIntent =
  /** dmp.* calls: the mode and reason typed for this very request (TD0.2 opens the session). */
  | { readonly kind: 'request'; readonly accessMode: DmpAccessMode; readonly reason?: string | undefined }
  /** documents.* calls: they name an emergency session open for the patient, never a reason. */
  | { readonly kind: 'session'; readonly sessionId?: string | undefined };

export interface TransactionSpec<Res> {
  /** TD code as the DMP interface names it (TD0.2, TD2.1, TD3.3c…). */
  readonly name: string;
  /** The patient the call is about; absent for calls about no single patient (TD0.4). */
  readonly patientId?: string | undefined;
  readonly emergency: EmergencyIntent;
  /** The request as the renderer sent it, for the audit line's document id. */
  readonly request: object;
  /** Whether this answer is an access to the record: only then does an emergency call open a session. */
  readonly accessed?: (result: Res) => boolean;
  /** Refines the DMP's refusal into the domain's codes (documents: registry errors). */
  readonly refine?: (error: unknown, accessMode: DmpAccessMode) => unknown;
  /** What the audit line of a successful answer says (default `done`); a failure is always recorded as such. */
  readonly auditedAs?: (result: Res) => AuditedAs;
}

/**
 * The audit line of a successful transaction: `done` (`ok`, the usual line); `queued` (a write the
 * outbox kept but the DMP has not received: a line of its own, never counted as done); `elsewhere`
 * (the DMP received it through the outbox, whose engine writes the line: none here, or it would count twice).
 */
export type AuditedAs = 'done' | 'queued' | 'elsewhere';

/** What a transaction runs with: everything resolved by main, nothing taken from the renderer. */
export interface TransactionScope {
  /** Bound to the practitioner in context, the access mode and the emergency reason. */
  readonly client: DmpClient;
  readonly accessMode: DmpAccessMode;
  /** The typed reason of an emergency access (kept with a queued write, which is sent later in the same mode). */
  readonly emergencyReason?: string | undefined;
  readonly endpoint: DmpEndpointConfig;
  readonly practitioner: PractitionerContext;
  readonly patient: QualifiedPatient | undefined;
}

export interface DmpPipeline {
  /** Whether a DMP endpoint is configured at all. */
  readonly configured: boolean;
  readonly connection: DmpConnection | undefined;
  run<Res>(spec: TransactionSpec<Res>, work: (scope: TransactionScope) => Promise<Res>): Promise<Res>;
}

/**
 * The one wrapper every DMP transaction goes through, patient level and documents alike: not
 * configured → DMP_NOT_CONFIGURED; the patientId resolved to a qualified INS (or refused); the
 * emergency mode resolved; the practitioner in context (the CPS in the reader) with its one VIHF
 * cache; then timing, one log line, one audit line and the error mapping.
 */
export function createDmpPipeline(options: {
  readonly connection: DmpConnection | undefined;
  readonly patients: PatientSessions;
  readonly practitioner: PractitionerSession;
  readonly emergencySessions: EmergencySessions;
  readonly audit?: TransactionAudit | undefined;
  readonly logger: Logger;
}): DmpPipeline {
  const { connection, patients, practitioner, emergencySessions, logger } = options;

  return {
    configured: connection !== undefined,
    connection,
    async run(spec, work) {
      const started = Date.now();
      let accessMode: DmpAccessMode = spec.emergency.kind === 'request' ? spec.emergency.accessMode : 'normal';
      let professional: string | undefined;
      let patient: QualifiedPatient | undefined;
      const outcome = (result: { result: unknown; queued?: true } | { error: unknown }): Promise<void> =>
        options.audit?.({
          transaction: spec.name,
          accessMode,
          professional,
          request: auditRequest(spec.request, patient?.ins),
          ...result,
        }) ?? Promise.resolve();
      try {
        if (connection === undefined) throw new AppError('DMP_NOT_CONFIGURED');
        // Before anything is built or signed: an unqualified identity never reaches the DMP.
        patient = spec.patientId === undefined ? undefined : patients.resolveQualified(spec.patientId);
        const grant = resolveEmergency(spec.emergency, spec.patientId, emergencySessions);
        accessMode = grant.mode;
        const context = await practitioner.require();
        professional = context.practitioner.nationalId;
        const client = withEmergencyReason(
          connection.clientFor({
            practitioner: context.practitioner,
            signer: () => context.signer(),
            vihfCache: context.vihfCache,
          }),
          grant.reason,
        );
        const result = await work({
          client,
          accessMode,
          emergencyReason: grant.reason,
          endpoint: connection.endpoint,
          practitioner: context,
          patient,
        });
        logger.info('dmp.transaction', { name: spec.name, accessMode, outcome: 'ok', ms: Date.now() - started });
        if (
          spec.emergency.kind === 'request' &&
          grant.mode !== 'normal' &&
          grant.reason !== undefined &&
          patient !== undefined &&
          (spec.accessed?.(result) ?? true)
        ) {
          const before = emergencySessions.list().length;
          emergencySessions.start(patient.patientId, grant.mode, grant.reason);
          if (emergencySessions.list().length > before) logger.info('dmp.emergency.started', { accessMode });
        }
        const auditedAs = spec.auditedAs?.(result) ?? 'done';
        if (auditedAs !== 'elsewhere') await outcome(auditedAs === 'queued' ? { result, queued: true } : { result });
        return result;
      } catch (caught) {
        const error = spec.refine === undefined ? caught : spec.refine(caught, accessMode);
        logger.warn('dmp.transaction', {
          name: spec.name,
          accessMode,
          outcome: isAppError(error) ? error.code : 'INTERNAL_ERROR',
          ms: Date.now() - started,
        });
        await outcome({ error });
        throw error;
      }
    },
  };
}

function resolveEmergency(
  intent: EmergencyIntent,
  patientId: string | undefined,
  sessions: EmergencySessions,
): { readonly mode: DmpAccessMode; readonly reason?: string | undefined } {
  if (intent.kind === 'request') {
    if (intent.accessMode === 'normal') return { mode: 'normal' };
    // The client refuses a blank reason (DMP_EMERGENCY_REASON_REQUIRED) before anything is signed.
    return { mode: intent.accessMode, reason: intent.reason ?? '' };
  }
  if (intent.sessionId === undefined) return { mode: 'normal' };
  if (patientId === undefined) throw new AppError('DMP_EMERGENCY_SESSION_UNKNOWN');
  const grant = sessions.resolve(intent.sessionId, patientId);
  return { mode: grant.mode satisfies EmergencyMode, reason: grant.reason };
}

/** The audit trail reads the patient and the document id; the INS is main's, never the renderer's. */
function auditRequest(request: object, ins: DmpPatientRef | undefined): object {
  return ins === undefined ? request : { ...request, patient: ins };
}

/** HL7v3 person name of the identity's INS traits (birth name, first given name). */
export function personNameOf(traits: IdentityTraits): { readonly family: string; readonly given: string } {
  const given = traits.firstNames[0];
  if (given === undefined) throw new AppError('IDENTITY_TRAITS_MISSING');
  return { family: traits.birthName, given };
}

/** `YYYY-MM-DD` from the identity's birth date (`YYYYMMDD` or `YYYY-MM-DD`; lunar values kept). */
export function isoBirthDate(traits: IdentityTraits): string {
  const digits = traits.birthDate.replace(/-/g, '');
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

/** The patient of a scope that needs one (every transaction but TD0.4). */
export function requirePatient(scope: TransactionScope): QualifiedPatient {
  if (scope.patient === undefined) throw new AppError('IDENTITY_NOT_FOUND');
  return scope.patient;
}
