import type { DmpAccessStatus, DmpHandlers, DmpPatientRef } from '../../shared/api';
import type { DmpAccessMode } from '../../shared/domain/dmp';
import { AppError } from '../../shared/errors';
import type { TransactionAudit } from '../audit';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import { createDmpClient, withEmergencyReason, type DmpClient, type DmpClientConfig } from './client';
import { createEmergencySessions, type EmergencyMode, type EmergencySessions } from './emergency-session';
import type { ConsentJournal } from './transactions/lifecycle';
import { getAdministrativeData, revise } from './transactions/administrative';
import { checkAccess } from './transactions/check-access';
import { listAuthorizedPatients, listProfessionals, setAuthorization } from './transactions/habilitations';
import { closeDmp, createDmp, reactivateDmp } from './transactions/lifecycle';

export type DmpServiceConfig = Omit<DmpClientConfig, 'logger'>;

export type DmpGroupHandlers = DmpHandlers<unknown>['dmp'];

/**
 * The `dmp.*` handlers. Without configuration every call answers DMP_NOT_CONFIGURED: the
 * desk keeps working, the panel says why the DMP is out of reach.
 */
export function createDmpHandlers(options: {
  readonly config: DmpServiceConfig | undefined;
  readonly journal: ConsentJournal;
  readonly logger: Logger;
  /** Where the emergency-session changes go (the renderer's banner); absent in tests that do not look. */
  readonly events?: EventBus;
  /** Shared with the documents handlers, whose emergency calls name one of these sessions. */
  readonly sessions?: EmergencySessions;
  /** The desk's local audit trail: told the outcome of every transaction. */
  readonly audit?: TransactionAudit;
}): DmpGroupHandlers {
  const client: DmpClient | undefined =
    options.config === undefined ? undefined : createDmpClient({ ...options.config, logger: options.logger });
  const logger = options.logger;
  const events = options.events;
  const sessions = options.sessions ?? createEmergencySessionsFor(events);
  const professional = options.config?.practitioner.nationalId;

  const withClient =
    <Req extends object, Res>(
      name: string,
      run: (client: DmpClient, request: Req) => Promise<Res>,
      /** Whether this answer is an access to the record (TD0.2 on a missing DMP is not). */
      accessed: (result: Res) => boolean = () => true,
    ) =>
    async (request: Req): Promise<Res> => {
      if (client === undefined) throw new AppError('DMP_NOT_CONFIGURED');
      const emergency = emergencyOf(request);
      const started = Date.now();
      try {
        const result = await run(withEmergencyReason(client, emergency?.reason), request);
        logger.info('dmp.transaction', {
          name,
          accessMode: emergency?.mode ?? 'normal',
          outcome: 'ok',
          ms: Date.now() - started,
        });
        if (emergency !== undefined && accessed(result)) {
          const before = sessions.list().length;
          sessions.start(emergency.patient, emergency.mode, emergency.reason);
          if (sessions.list().length > before) logger.info('dmp.emergency.started', { accessMode: emergency.mode });
        }
        await options.audit?.({
          transaction: name,
          accessMode: emergency?.mode ?? 'normal',
          professional,
          request,
          result,
        });
        return result;
      } catch (error) {
        logger.warn('dmp.transaction', {
          name,
          accessMode: emergency?.mode ?? 'normal',
          outcome: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
          ms: Date.now() - started,
        });
        await options.audit?.({
          transaction: name,
          accessMode: emergency?.mode ?? 'normal',
          professional,
          request,
          error,
        });
        throw error;
      }
    };

  return {
    checkAccess: withClient(
      'TD0.2',
      async (c, request) => refuseIfOpposed(await checkAccess(c, request), request.accessMode),
      (status) => status.existence === 'exists',
    ),
    setAuthorization: withClient('TD0.3', setAuthorization),
    listAuthorized: withClient('TD0.4', listAuthorizedPatients),
    create: withClient('TD1.1', (c, request) =>
      createDmp(c, options.journal, request).then(() => ({ done: true }) as const),
    ),
    reactivate: withClient('TD1.2', (c, request) =>
      reactivateDmp(c, options.journal, request).then(() => ({ done: true }) as const),
    ),
    getAdministrativeData: withClient('TD1.3a', getAdministrativeData),
    updateAdministrativeData: withClient('TD1.3b', (c, request) =>
      revise(c, { reason: 'MODIF_DATA', ...request }).then(() => ({ done: true }) as const),
    ),
    close: withClient('TD1.4', (c, request) => closeDmp(c, request).then(() => ({ done: true }) as const)),
    listProfessionals: withClient('TD1.6', listProfessionals),
    emergencySessions: async () => ({ sessions: sessions.list() }),
    endEmergencySession: async ({ id }) => {
      const open = sessions.list().find((s) => s.id === id);
      const rest = sessions.end(id);
      if (open !== undefined) logger.info('dmp.emergency.ended', { accessMode: open.mode });
      return { sessions: rest };
    },
  };
}

/** The sessions behind the emergency banner: every change goes to the renderer as an event. */
export function createEmergencySessionsFor(events: EventBus | undefined): EmergencySessions {
  return createEmergencySessions(
    events === undefined ? {} : { onChange: (list) => events.emit('dmp.emergencySessionsChanged', { sessions: list }) },
  );
}

interface EmergencyRequest {
  readonly patient: DmpPatientRef;
  readonly mode: EmergencyMode;
  readonly reason: string;
}

/** The emergency part of a patient request, if it is one (the reason is checked by the client). */
function emergencyOf(request: object): EmergencyRequest | undefined {
  const { patient, accessMode, emergencyReason } = request as {
    patient?: DmpPatientRef;
    accessMode?: DmpAccessMode;
    emergencyReason?: string;
  };
  if (patient === undefined || accessMode === undefined || accessMode === 'normal') return undefined;
  return { patient, mode: accessMode, reason: emergencyReason ?? '' };
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
