import type { DmpPatientRef } from '../../../shared/api';
import { isAppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { DmpPipeline } from '../pipeline';
import { requirePatient } from '../pipeline';
import { defaultValueSetsDir, depositTypeOffers, loadAtStart, type ValueSetsAtStart } from '../value-sets';
import { isDmpUnreachable, type DocumentCache } from './cache';
import { documentCallerOf } from './call';
import type { DocumentCallerIdentity } from './context';
import { refineRegistryRefusal } from './refusal';
import { depositDocument } from './transactions/deposit';
import { retrieveDocument } from './transactions/retrieve';
import { searchDocuments } from './transactions/search';
import { changeDocumentStatus } from './transactions/status';
import { changeDocumentVisibility } from './transactions/visibility';
import type {
  DocumentOutbox,
  DocumentsGroupHandlers,
  DocumentTransaction,
  ResolvedRequest,
  TransactionTools,
} from './transactions/types';

export type { DocumentOutbox, DocumentsGroupHandlers } from './transactions/types';

/**
 * The `documents.*` handlers for the patient at the desk, as the practitioner in context; one
 * module per transaction in `transactions/`, all run through the one DMP pipeline (patient,
 * emergency session, practitioner, log, audit). Logs carry the transaction, the access mode and
 * the outcome, never a title, a patient, a reason or a byte of content.
 */
export function createDocumentsHandlers(options: {
  readonly pipeline: DmpPipeline;
  readonly logger: Logger;
  /** The packaged DMP value sets (or the typed error of loading them); default: loaded from their usual folder. */
  readonly valueSets?: ValueSetsAtStart;
  /**
   * Where deposits and replacements are kept before they are sent (main/sync). Absent (tools,
   * tests without a store): they are sent at once, as one request, and lost if it fails.
   */
  readonly outbox?: DocumentOutbox | undefined;
  /**
   * The encrypted document cache: filled by each search and retrieve, read when the DMP cannot be
   * reached. `patientIns` is the patient sessions' resolution (a qualified identity's INS, or a throw).
   */
  readonly cache?: { readonly documents: DocumentCache; readonly patientIns: (patientId: string) => DmpPatientRef };
}): DocumentsGroupHandlers {
  const { pipeline, logger, cache } = options;
  const valueSets = options.valueSets ?? loadAtStart(defaultValueSetsDir(), logger);
  const tools: TransactionTools = { valueSets, ...(options.outbox === undefined ? {} : { outbox: options.outbox }) };

  const handler =
    <K extends keyof DocumentsGroupHandlers>(
      td: string | ((request: Parameters<DocumentsGroupHandlers[K]>[0]) => string),
      transaction: DocumentTransaction<K>,
    ) =>
    (request: Parameters<DocumentsGroupHandlers[K]>[0]): Promise<Awaited<ReturnType<DocumentsGroupHandlers[K]>>> => {
      const { patientId, emergencySessionId, ...rest } = request as typeof request & {
        readonly patientId: string;
        readonly emergencySessionId?: string;
      };
      type Answer = Awaited<ReturnType<DocumentsGroupHandlers[K]>>;
      return pipeline.run<Answer>(
        {
          name: typeof td === 'string' ? td : td(request),
          patientId,
          emergency: { kind: 'session', sessionId: emergencySessionId },
          request,
          refine: refineRegistryRefusal,
        },
        async (scope): Promise<Answer> => {
          const patient = requirePatient(scope);
          const caller: DocumentCallerIdentity = {
            practitioner: scope.practitioner.practitioner,
            structure: scope.endpoint.structure,
            software: scope.endpoint.software,
            signer: await scope.client.signer(),
            now: scope.client.now,
            access: { mode: scope.accessMode, reason: scope.emergencyReason },
          };
          const resolved = { ...rest, patientId, patient: patient.ins, traits: patient.traits } as ResolvedRequest<K>;
          // The transaction's answer type is the handler's (DocumentTransaction<K>); TS cannot see through the indexed K.
          return transaction(documentCallerOf(scope.client, scope.accessMode), caller, resolved, tools);
        },
      );
    };

  /** A cache write that fails costs the copy, never the answer the DMP just gave. */
  const keep = async (what: string, write: () => Promise<void>): Promise<void> => {
    try {
      await write();
    } catch (error) {
      logger.warn('documents.cache_write_failed', { what, code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
    }
  };
  const search: DocumentTransaction<'search'> = async (call, caller, request, transactionTools) => {
    const answer = await searchDocuments(call, caller, request, transactionTools);
    if (cache !== undefined) await keep('list', () => cache.documents.remember(request.patient, answer.documents));
    return answer;
  };
  const retrieve: DocumentTransaction<'retrieve'> = async (call, caller, request, transactionTools) => {
    const content = await retrieveDocument(call, caller, request, transactionTools);
    if (cache !== undefined) {
      await keep('content', () => cache.documents.rememberContent(request.patient, request.uniqueId, content));
    }
    return content;
  };
  /** A change the DMP accepted makes the entry's copy stale: it leaves the cache (the next search brings it back). */
  const setStatus: DocumentTransaction<'setStatus'> = async (call, caller, request, transactionTools) => {
    const done = await changeDocumentStatus(call, caller, request, transactionTools);
    if (cache !== undefined) await keep('drop', () => cache.documents.drop(request.patient, request.entryUuid));
    return done;
  };
  const setVisibility: DocumentTransaction<'setVisibility'> = async (call, caller, request, transactionTools) => {
    const done = await changeDocumentVisibility(call, caller, request, transactionTools);
    if (cache !== undefined) await keep('drop', () => cache.documents.drop(request.patient, request.entryUuid));
    return done;
  };
  /** The DMP out of reach: the cached copy if there is one (the screen says how old), else the error as it was. */
  const orCached =
    <Req extends { readonly patientId: string }, Res>(
      online: (request: Req) => Promise<Res>,
      offline: (documents: DocumentCache, patient: DmpPatientRef, request: Req) => Promise<Res | undefined>,
    ) =>
    async (request: Req): Promise<Res> => {
      try {
        return await online(request);
      } catch (error) {
        if (cache === undefined || !isDmpUnreachable(error)) throw error;
        const cached = await offline(cache.documents, cache.patientIns(request.patientId), request).catch(
          () => undefined,
        );
        if (cached === undefined) throw error;
        logger.info('documents.answered_from_cache', { code: isAppError(error) ? error.code : 'INTERNAL_ERROR' });
        return cached;
      }
    };

  return {
    search: orCached(handler('TD3.1', search), (documents, patient, request) =>
      documents.search(patient, { ...request, statuses: request.statuses ?? ['approved'] }),
    ),
    retrieve: orCached(handler('TD3.2', retrieve), (documents, patient, request) =>
      documents.content(patient, request.uniqueId),
    ),
    deposit: handler('TD2.1', depositDocument),
    // The interface names each change on its own: delete is TD3.3c, archive / unarchive TD3.3d.
    setStatus: handler<'setStatus'>((request) => (request.change === 'delete' ? 'TD3.3c' : 'TD3.3d'), setStatus),
    // TD3.3a masks / unmasks to professionals; TD3.3b changes what the patient or representatives see.
    setVisibility: handler<'setVisibility'>(
      (request) => ([...(request.add ?? []), ...(request.remove ?? [])].includes('MASQUE_PS') ? 'TD3.3a' : 'TD3.3b'),
      setVisibility,
    ),
    depositTypes: async () => ({ types: depositTypeOffers(valueSets().typeCode) }),
  };
}
