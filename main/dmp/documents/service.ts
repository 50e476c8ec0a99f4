import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { DmpServiceConfig } from '../service';
import { createDocumentCaller, type DocumentCaller } from './call';
import { depositDocument } from './transactions/deposit';
import { retrieveDocument } from './transactions/retrieve';
import { searchDocuments } from './transactions/search';
import { changeDocumentStatus } from './transactions/status';
import type { DocumentsGroupHandlers, DocumentTransaction } from './transactions/types';
import { changeDocumentVisibility } from './transactions/visibility';

export type { DocumentsGroupHandlers } from './transactions/types';

/**
 * The `documents.*` handlers for the patient at the desk, as the configured practitioner and
 * structure; one module per transaction in `transactions/`. Logs carry the transaction and its
 * outcome, never a title, a patient or a byte of content.
 */
export function createDocumentsHandlers(options: {
  readonly config: DmpServiceConfig | undefined;
  readonly logger: Logger;
  readonly caller?: DocumentCaller;
}): DocumentsGroupHandlers {
  const { config, logger } = options;
  const caller = options.caller ?? (config === undefined ? undefined : createDocumentCaller(config, logger));

  const handler =
    <K extends keyof DocumentsGroupHandlers>(name: string, transaction: DocumentTransaction<K>) =>
    async (
      request: Parameters<DocumentsGroupHandlers[K]>[0],
    ): Promise<Awaited<ReturnType<DocumentsGroupHandlers[K]>>> => {
      if (caller === undefined || config === undefined) throw new AppError('DMP_NOT_CONFIGURED');
      const started = Date.now();
      try {
        const result = await transaction(caller, config, request);
        logger.info('documents.transaction', { name, outcome: 'ok', ms: Date.now() - started });
        return result;
      } catch (error) {
        logger.warn('documents.transaction', {
          name,
          outcome: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
          ms: Date.now() - started,
        });
        throw error;
      }
    };

  return {
    search: handler('TD3.1', searchDocuments),
    retrieve: handler('TD3.2', retrieveDocument),
    deposit: handler('TD2.1', depositDocument),
    setStatus: handler('TD3.3', changeDocumentStatus),
    setVisibility: handler('TD3.3a', changeDocumentVisibility),
  };
}
