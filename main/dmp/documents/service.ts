import type { Logger } from '../../log/logger';
import type { DmpPipeline } from '../pipeline';
import { requirePatient } from '../pipeline';
import { defaultValueSetsDir, depositTypeOffers, loadAtStart, type ValueSetsAtStart } from '../value-sets';
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
}): DocumentsGroupHandlers {
  const { pipeline, logger } = options;
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
