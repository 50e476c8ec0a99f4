import type { DmpPatientRef } from '../../../shared/api';
import type { DmpAccessMode } from '../../../shared/domain/dmp';
import { AppError } from '../../../shared/errors';
import type { TransactionAudit } from '../../audit';
import type { Logger } from '../../log/logger';
import type { EmergencyGrant, EmergencySessions } from '../emergency-session';
import type { DmpServiceConfig } from '../service';
import { defaultValueSetsDir, depositTypeOffers, loadAtStart, type ValueSetsAtStart } from '../value-sets';
import { createDocumentCaller, type DocumentCaller } from './call';
import { refineRegistryRefusal } from './refusal';
import { depositDocument } from './transactions/deposit';
import { retrieveDocument } from './transactions/retrieve';
import { searchDocuments } from './transactions/search';
import { changeDocumentStatus } from './transactions/status';
import { changeDocumentVisibility } from './transactions/visibility';
import type { DocumentsGroupHandlers, DocumentTransaction, TransactionTools } from './transactions/types';

export type { DocumentsGroupHandlers } from './transactions/types';

/**
 * The `documents.*` handlers for the patient at the desk, as the configured practitioner and
 * structure; one module per transaction in `transactions/`. Logs carry the transaction, the access
 * mode and the outcome, never a title, a patient, a reason or a byte of content.
 */
export function createDocumentsHandlers(options: {
  readonly config: DmpServiceConfig | undefined;
  readonly logger: Logger;
  readonly caller?: DocumentCaller;
  /** The emergency sessions the `dmp.*` handlers open; without them every emergency call is unknown. */
  readonly sessions?: EmergencySessions;
  /** The packaged DMP value sets (or the typed error of loading them); default: loaded from their usual folder. */
  readonly valueSets?: ValueSetsAtStart;
  /** The desk's local audit trail: told the outcome of every transaction. */
  readonly audit?: TransactionAudit;
}): DocumentsGroupHandlers {
  const { config, logger, sessions, audit } = options;
  const professional = config?.practitioner.nationalId;
  const caller = options.caller ?? (config === undefined ? undefined : createDocumentCaller(config, logger));
  const valueSets = options.valueSets ?? loadAtStart(defaultValueSetsDir(), logger);
  const tools: TransactionTools = { valueSets };

  const grantOf = (request: object): EmergencyGrant | undefined => {
    const { emergencySessionId, patient } = request as { emergencySessionId?: string; patient?: DmpPatientRef };
    if (emergencySessionId === undefined) return undefined;
    if (sessions === undefined || patient === undefined) throw new AppError('DMP_EMERGENCY_SESSION_UNKNOWN');
    return sessions.resolve(emergencySessionId, patient);
  };

  const handler =
    <K extends keyof DocumentsGroupHandlers>(
      td: string | ((request: Parameters<DocumentsGroupHandlers[K]>[0]) => string),
      transaction: DocumentTransaction<K>,
    ) =>
    async (
      request: Parameters<DocumentsGroupHandlers[K]>[0],
    ): Promise<Awaited<ReturnType<DocumentsGroupHandlers[K]>>> => {
      const name = typeof td === 'string' ? td : td(request);
      const started = Date.now();
      let accessMode: DmpAccessMode = 'normal';
      try {
        if (caller === undefined || config === undefined) throw new AppError('DMP_NOT_CONFIGURED');
        // Resolved before anything is built or signed: an ended session never reaches the DMP.
        const grant = grantOf(request);
        accessMode = grant?.mode ?? 'normal';
        const scoped: DocumentCaller =
          grant === undefined
            ? caller
            : (call) => caller({ ...call, accessMode: grant.mode, emergencyReason: grant.reason });
        const result = await transaction(scoped, config, request, tools);
        logger.info('documents.transaction', { name, accessMode, outcome: 'ok', ms: Date.now() - started });
        await audit?.({ transaction: name, accessMode, professional, request, result });
        return result;
      } catch (caught) {
        const error = refineRegistryRefusal(caught, accessMode);
        logger.warn('documents.transaction', {
          name,
          accessMode,
          outcome: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
          ms: Date.now() - started,
        });
        await audit?.({ transaction: name, accessMode, professional, request, error });
        throw error;
      }
    };

  return {
    search: handler('TD3.1', searchDocuments),
    retrieve: handler('TD3.2', retrieveDocument),
    deposit: handler('TD2.1', depositDocument),
    // The interface names each change on its own: delete is TD3.3c, archive / unarchive TD3.3d.
    setStatus: handler<'setStatus'>(
      (request) => (request.change === 'delete' ? 'TD3.3c' : 'TD3.3d'),
      changeDocumentStatus,
    ),
    // TD3.3a masks / unmasks to professionals; TD3.3b changes what the patient or representatives see.
    setVisibility: handler<'setVisibility'>(
      (request) => ([...(request.add ?? []), ...(request.remove ?? [])].includes('MASQUE_PS') ? 'TD3.3a' : 'TD3.3b'),
      changeDocumentVisibility,
    ),
    depositTypes: async () => ({ types: depositTypeOffers(valueSets().typeCode) }),
  };
}
