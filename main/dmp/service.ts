import type { DmpAccessStatus, DmpHandlers } from '../../shared/api';
import type { DmpAccessMode } from '../../shared/domain/dmp';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import { createEmergencySessions, type EmergencySessions } from './emergency-session';
import { isoBirthDate, personNameOf, requirePatient, type DmpPipeline, type TransactionScope } from './pipeline';
import { getAdministrativeData, revise } from './transactions/administrative';
import { checkAccess } from './transactions/check-access';
import { searchPatients } from './transactions/patient-search';
import { listAuthorizedPatients, listProfessionals, setAuthorization } from './transactions/habilitations';
import { closeDmp, createDmp, reactivateDmp, type ConsentJournal } from './transactions/lifecycle';

export type DmpGroupHandlers = DmpHandlers<unknown>['dmp'];

type PatientLevelRequest = {
  readonly patientId: string;
  readonly accessMode: DmpAccessMode;
  readonly emergencyReason?: string | undefined;
};

/**
 * The `dmp.*` handlers: each one a TD transaction run through the one DMP pipeline, which
 * resolves the patientId to a qualified INS and the practitioner to the CPS in the reader. Without
 * a configured endpoint every call answers DMP_NOT_CONFIGURED: the desk keeps working, the panel
 * says why the DMP is out of reach.
 */
export function createDmpHandlers(options: {
  readonly pipeline: DmpPipeline;
  readonly journal: ConsentJournal;
  readonly logger: Logger;
  /** Shared with the pipeline, which opens them; the banner lists and ends them. */
  readonly sessions: EmergencySessions;
  /** Each TD0.2 answer, for the patient's banner and the store (main/session/patient-sessions.ts). */
  readonly onAccessStatus?: (patientId: string, status: DmpAccessStatus) => void;
}): DmpGroupHandlers {
  const { pipeline, logger, sessions } = options;

  /** One patient-level transaction: the request's access mode and reason, the patient it names. */
  const patientLevel =
    <Req extends PatientLevelRequest, Res>(
      name: string,
      run: (scope: TransactionScope, request: Req) => Promise<Res>,
      accessed?: (result: Res) => boolean,
    ) =>
    (request: Req): Promise<Res> =>
      pipeline.run(
        {
          name,
          patientId: request.patientId,
          emergency: { kind: 'request', accessMode: request.accessMode, reason: request.emergencyReason },
          request,
          ...(accessed === undefined ? {} : { accessed }),
        },
        (scope) => run(scope, request),
      );

  return {
    checkAccess: patientLevel(
      'TD0.2',
      async (scope, request) => {
        const status = await checkAccess(scope.client, {
          patient: requirePatient(scope).ins,
          accessMode: scope.accessMode,
        });
        // Kept even when the access is then refused as opposed: the DMP's state was read all the same.
        options.onAccessStatus?.(request.patientId, status);
        return refuseIfOpposed(status, request.accessMode);
      },
      (status) => status.existence === 'exists',
    ),
    setAuthorization: patientLevel('TD0.3', (scope, request) =>
      setAuthorization(scope.client, { ...request, patient: requirePatient(scope).ins, accessMode: scope.accessMode }),
    ),
    listAuthorized: (request) =>
      pipeline.run({ name: 'TD0.4', emergency: { kind: 'request', accessMode: 'normal' }, request }, (scope) =>
        listAuthorizedPatients(scope.client, request),
      ),
    create: patientLevel('TD1.1', async (scope, request) => {
      const patient = requirePatient(scope);
      const sex = patient.traits.sex;
      if (sex === undefined) throw new AppError('IDENTITY_TRAITS_MISSING', { details: { field: 'sex' } });
      await createDmp(scope.client, options.journal, {
        patient: patient.ins,
        accessMode: scope.accessMode,
        name: personNameOf(patient.traits),
        sex,
        birthDate: isoBirthDate(patient.traits),
        consent: request.consent,
      });
      return { done: true } as const;
    }),
    reactivate: patientLevel('TD1.2', async (scope, request) => {
      const patient = requirePatient(scope);
      await reactivateDmp(scope.client, options.journal, {
        patient: patient.ins,
        accessMode: scope.accessMode,
        name: personNameOf(patient.traits),
        consent: request.consent,
      });
      return { done: true } as const;
    }),
    getAdministrativeData: patientLevel('TD1.3a', (scope) =>
      getAdministrativeData(scope.client, { patient: requirePatient(scope).ins, accessMode: scope.accessMode }),
    ),
    updateAdministrativeData: patientLevel('TD1.3b', async (scope, request) => {
      const patient = requirePatient(scope);
      await revise(scope.client, {
        reason: 'MODIF_DATA',
        patient: patient.ins,
        accessMode: scope.accessMode,
        name: personNameOf(patient.traits),
        telecoms: request.telecoms,
        address: request.address,
        oppositions: request.oppositions,
      });
      return { done: true } as const;
    }),
    close: patientLevel('TD1.4', async (scope) => {
      const patient = requirePatient(scope);
      await closeDmp(scope.client, {
        patient: patient.ins,
        accessMode: scope.accessMode,
        name: personNameOf(patient.traits),
      });
      return { done: true } as const;
    }),
    listProfessionals: patientLevel('TD1.6', (scope, request) =>
      listProfessionals(scope.client, { ...request, patient: requirePatient(scope).ins, accessMode: scope.accessMode }),
    ),
    emergencySessions: async () => ({ sessions: sessions.list() }),
    endEmergencySession: async ({ id }) => {
      const open = sessions.list().find((s) => s.id === id);
      const rest = sessions.end(id);
      if (open !== undefined) logger.info('dmp.emergency.ended', { accessMode: open.mode });
      return { sessions: rest };
    },
    // TD0.5 names no patient: the régulation searches by traits, in centre 15 mode with its reason.
    searchPatients: (request) =>
      pipeline.run(
        {
          name: 'TD0.5',
          emergency: { kind: 'request', accessMode: request.accessMode, reason: request.emergencyReason },
          request,
        },
        (scope) => searchPatients(scope.client, request),
      ),
  };
}

/** The sessions behind the emergency banner: every change goes to the renderer as an event. */
export function createEmergencySessionsFor(events: EventBus | undefined): EmergencySessions {
  return createEmergencySessions(
    events === undefined ? {} : { onChange: (list) => events.emit('dmp.emergencySessionsChanged', { sessions: list }) },
  );
}

/**
 * The DMP answers TD0.2 even to an emergency caller the patient opposed (with the oppositions in
 * it), and refuses only the reads that follow. Refusing here already keeps the emergency banner
 * from starting on an access the patient forbade.
 */
function refuseIfOpposed(status: DmpAccessStatus, mode: DmpAccessMode): DmpAccessStatus {
  const opposed =
    (mode === 'bris_de_glace' && status.oppositions.breakGlass === true) ||
    (mode === 'centre_15' && status.oppositions.emergency === true);
  if (opposed) throw new AppError('DMP_PATIENT_OPPOSED', { details: { source: 'TD0.2' } });
  return status;
}
