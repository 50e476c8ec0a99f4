import type { DmpHandlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { createDmpClient, type DmpClient, type DmpClientConfig } from './client';
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
}): DmpGroupHandlers {
  const client: DmpClient | undefined =
    options.config === undefined ? undefined : createDmpClient({ ...options.config, logger: options.logger });
  const logger = options.logger;

  const withClient =
    <Req, Res>(name: string, run: (client: DmpClient, request: Req) => Promise<Res>) =>
    async (request: Req): Promise<Res> => {
      if (client === undefined) throw new AppError('DMP_NOT_CONFIGURED');
      const started = Date.now();
      try {
        const result = await run(client, request);
        logger.info('dmp.transaction', { name, outcome: 'ok', ms: Date.now() - started });
        return result;
      } catch (error) {
        logger.warn('dmp.transaction', {
          name,
          outcome: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
          ms: Date.now() - started,
        });
        throw error;
      }
    };

  return {
    checkAccess: withClient('TD0.2', checkAccess),
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
  };
}
