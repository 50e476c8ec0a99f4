import type { TransactionAudit } from '../../main/audit';
import type { Signer } from '../../main/crypto/signer';
import {
  createDmpConnection,
  DEFAULT_VIHF_TTL_MS,
  type DmpCall,
  type DmpClientConfig,
  type DmpConnection,
} from '../../main/dmp/client';
import { createEmergencySessions, type EmergencySessions } from '../../main/dmp/emergency-session';
import { createDmpPipeline, type DmpPipeline } from '../../main/dmp/pipeline';
import { createVihfCache } from '../../main/dmp/vihf/cache';
import type { VihfPractitioner } from '../../main/dmp/vihf/types';
import type { DmpEndpointConfig } from '../../main/config/runtime';
import type { Logger } from '../../main/log/logger';
import type { PatientSessions, QualifiedPatient } from '../../main/session/patient-sessions';
import type { PractitionerContext, PractitionerSession } from '../../main/session/practitioner-session';
import type { SoapResponse } from '../../main/soap';
import type { DmpPatientRef } from '../../shared/api';
import type { IdentityTraits } from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';

/**
 * The one DMP pipeline of main, for unit tests of the handlers: the real wrapper (patient
 * resolution, emergency sessions, practitioner context, log, audit) around stand-ins for what
 * it resolves from — a fixed set of patient sessions, a practitioner whose card never leaves the
 * reader, and a connection whose exchanges the test may record and answer itself.
 */

/** A qualified patient as main's patient sessions resolve it. */
export function qualifiedPatient(patientId: string, ins: DmpPatientRef, traits: IdentityTraits): QualifiedPatient {
  return { patientId, ins, traits };
}

/**
 * Patient sessions that know these patients: a qualified one resolves to its INS, a listed id
 * mapped to `'unqualified'` is refused as main refuses a PROV/VALI identity, any other id is unknown.
 */
export function fixedPatients(
  patients: readonly (QualifiedPatient | { readonly patientId: string; readonly unqualified: true })[],
): PatientSessions & { readonly resolved: string[] } {
  const resolved: string[] = [];
  const byId = new Map(patients.map((p) => [p.patientId, p]));
  return {
    resolved,
    open: () => Promise.reject(new Error('fixed patient sessions open nobody')),
    current: () => null,
    list: () => [],
    leave: () => undefined,
    select: () => {
      throw new Error('fixed patient sessions select nobody');
    },
    clear: () => undefined,
    restored: Promise.resolve(),
    updated: () => undefined,
    recordDmpStatus: () => undefined,
    forget: () => Promise.reject(new Error('fixed patient sessions forget nobody')),
    flushed: () => Promise.resolve(),
    resolveQualified(patientId) {
      resolved.push(patientId);
      const patient = byId.get(patientId);
      if (patient === undefined) throw new AppError('IDENTITY_NOT_FOUND');
      if ('unqualified' in patient) throw new AppError('IDENTITY_NOT_QUALIFIED');
      return patient;
    },
    onChange: () => () => undefined,
  };
}

/** The practitioner of a DMP client config, as if their CPS stayed in the reader with the PIN verified. */
export function fixedPractitioner(options: {
  readonly practitioner: VihfPractitioner;
  readonly signer: Signer;
  readonly vihfTtlMs?: number;
}): PractitionerSession & { readonly context: PractitionerContext } {
  const { practitioner } = options;
  const context: PractitionerContext = {
    reader: 'Lecteur CPS (unit)',
    atr: '3B',
    holder: {
      nationalId: practitioner.nationalId,
      nationalIdType: '8',
      lastName: practitioner.lastName,
      firstName: practitioner.firstName,
      profession: practitioner.roles[0]?.code ?? '10',
      specialty: practitioner.roles[1]?.code,
    },
    practitioner,
    signer: () => Promise.resolve(options.signer),
    vihfCache: createVihfCache(options.vihfTtlMs ?? DEFAULT_VIHF_TTL_MS),
  };
  return {
    context,
    current: () => null,
    require: () => Promise.resolve(context),
    verifyPin: () => Promise.reject(new Error('no PIN in unit tests')),
    holder: () => Promise.reject(new Error('no card in unit tests')),
    onChange: () => () => undefined,
    dispose: () => undefined,
  };
}

/** The endpoint part of a fixed-caller DMP client config (what the app's configuration holds). */
export function endpointOf(config: DmpClientConfig): DmpEndpointConfig {
  const { signer: _signer, practitioner: _practitioner, logger: _logger, now: _now, ...endpoint } = config;
  return endpoint;
}

/**
 * The real connection to `endpoint`, except that each exchange is recorded and, when `answer` is
 * given, answered by it instead of the network (no TLS, no VIHF signature).
 */
export function recordingConnection(
  endpoint: DmpEndpointConfig,
  answer?: (call: DmpCall) => Promise<SoapResponse>,
): DmpConnection & { readonly calls: DmpCall[] } {
  const real = createDmpConnection(endpoint);
  const calls: DmpCall[] = [];
  return {
    calls,
    endpoint: real.endpoint,
    now: real.now,
    clientFor(caller) {
      const client = real.clientFor(caller);
      const exchange = (request: DmpCall): Promise<SoapResponse> => {
        calls.push(request);
        return answer === undefined ? client.exchange(request) : answer(request);
      };
      return { ...client, exchange, call: async (request) => (await exchange(request)).envelope };
    },
  };
}

export interface UnitPipeline {
  readonly pipeline: DmpPipeline;
  readonly sessions: EmergencySessions;
  readonly patients: ReturnType<typeof fixedPatients>;
  readonly practitioner: ReturnType<typeof fixedPractitioner>;
}

/** The real pipeline over these stand-ins; without a connection it answers DMP_NOT_CONFIGURED. */
export function unitPipeline(options: {
  readonly connection: DmpConnection | undefined;
  readonly patients: ReturnType<typeof fixedPatients>;
  readonly practitioner: ReturnType<typeof fixedPractitioner>;
  readonly logger: Logger;
  readonly sessions?: EmergencySessions;
  readonly audit?: TransactionAudit;
}): UnitPipeline {
  const sessions = options.sessions ?? createEmergencySessions();
  return {
    pipeline: createDmpPipeline({
      connection: options.connection,
      patients: options.patients,
      practitioner: options.practitioner,
      emergencySessions: sessions,
      audit: options.audit,
      logger: options.logger,
    }),
    sessions,
    patients: options.patients,
    practitioner: options.practitioner,
  };
}
