import type { DmpPatientRef } from '../../../shared/api';
import { isAppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { AuditedAs, DmpPipeline } from '../pipeline';
import { requirePatient } from '../pipeline';
import { defaultValueSetsDir, depositTypeOffers, loadAtStart, type ValueSetsAtStart } from '../value-sets';
import { isDmpUnreachable, type DocumentCache } from './cache';
import { documentCallerOf } from './call';
import type { DocumentCallerIdentity } from './context';
import { refineRegistryRefusal } from './refusal';
import { depositDocument } from './transactions/deposit';
import { retrieveDocument } from './transactions/retrieve';
import { searchDocuments } from './transactions/search';
import { statusTransaction, visibilityTransaction } from './transactions/codes';
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
  const knownEntry: TransactionTools['knownEntry'] = async (patient, entryUuid) => {
    const kept = await cache?.documents.search(patient, {
      statuses: ['approved', 'archived', 'deprecated', 'deleted'],
    });
    const found = kept?.documents.find((document) => document.entryUuid === entryUuid);
    return found === undefined ? undefined : { title: found.title ?? undefined, uniqueId: found.uniqueId };
  };
  const tools: TransactionTools = {
    valueSets,
    ...(options.outbox === undefined ? {} : { outbox: options.outbox }),
    ...(cache === undefined ? {} : { knownEntry }),
  };
  const viaOutbox = options.outbox !== undefined;
  /**
   * The audit line of a write the outbox took: the line that counts (the TD code, `ok`) is the
   * engine's, written when the DMP accepted the item (main/services.ts, onSent), so a write sent
   * at the first attempt has no second line here; a queued one gets a `queued` line, which no
   * indicator counts. Without an outbox the write was sent here and this line is the one.
   */
  const outboxAudit = (result: { readonly outcome: string }): AuditedAs =>
    result.outcome === 'queued' ? 'queued' : result.outcome === 'sent' && viaOutbox ? 'elsewhere' : 'done';

  const handler =
    <K extends keyof DocumentsGroupHandlers>(
      td: string | ((request: Parameters<DocumentsGroupHandlers[K]>[0]) => string),
      transaction: DocumentTransaction<K>,
      auditedAs?: (result: Awaited<ReturnType<DocumentsGroupHandlers[K]>>) => AuditedAs,
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
          ...(auditedAs === undefined ? {} : { auditedAs }),
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
  /**
   * A change the DMP accepted makes the entry's copy stale: it leaves the cache (the next search
   * brings it back). A queued one leaves it as the DMP still has it: offline, the list read from
   * the cache must not claim a change the DMP has not received.
   */
  const setStatus: DocumentTransaction<'setStatus'> = async (call, caller, request, transactionTools) => {
    const done = await changeDocumentStatus(call, caller, request, transactionTools);
    if (cache !== undefined && done.outcome === 'sent') {
      await keep('drop', () => cache.documents.drop(request.patient, request.entryUuid));
    }
    return done;
  };
  const setVisibility: DocumentTransaction<'setVisibility'> = async (call, caller, request, transactionTools) => {
    const done = await changeDocumentVisibility(call, caller, request, transactionTools);
    if (cache !== undefined && done.outcome === 'sent') {
      await keep('drop', () => cache.documents.drop(request.patient, request.entryUuid));
    }
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
    deposit: handler('TD2.1', depositDocument, outboxAudit),
    setStatus: handler<'setStatus'>(statusTransaction, setStatus, outboxAudit),
    setVisibility: handler<'setVisibility'>(visibilityTransaction, setVisibility, outboxAudit),
    depositTypes: async () => ({ types: depositTypeOffers(valueSets().typeCode) }),
  };
}
