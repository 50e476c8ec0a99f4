import type { DmpHandlers } from '../../../shared/api';
import type { DmpPatientRef } from '../../../shared/api/dmp';
import type { DocumentPatient } from '../../../shared/domain/documents';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import type { DmpServiceConfig } from '../service';
import {
  ACTION,
  buildDeposit,
  buildFindDocuments,
  buildRetrieveDocument,
  buildStatusUpdate,
  checkRegistryResponse,
  findRegistryResponse,
  parseQueryResponse,
  parseRetrieveResponse,
} from '../xds';
import { createDocumentCaller, type DocumentCaller } from './call';
import { uuidOid } from '../xds/ids';
import { displayableContent } from './cda-content';
import { depositContext } from './context';
import { isSignatureEntry, toSummary } from './summary';

export type DocumentsGroupHandlers = DmpHandlers<unknown>['documents'];

/** Only the INS matters to queries and status updates (patientCx); the traits are for a deposit's CDA header. */
const queryPatient = (ref: DmpPatientRef): DocumentPatient => ({
  ins: { root: ref.oid, extension: ref.matricule },
  birthFamily: '',
  givenNames: '',
  sex: 'U',
  birthDate: '',
  birthPlaceCode: '',
});

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * The `documents.*` handlers: TD3.1 search, TD3.2 read, TD2.1 deposit for the patient at the
 * desk, as the configured practitioner and structure. Logs carry the transaction and its outcome,
 * never a title, a patient or a byte of content.
 */
export function createDocumentsHandlers(options: {
  readonly config: DmpServiceConfig | undefined;
  readonly logger: Logger;
  readonly caller?: DocumentCaller;
}): DocumentsGroupHandlers {
  const { config, logger } = options;
  const caller = options.caller ?? (config === undefined ? undefined : createDocumentCaller(config, logger));

  const withCaller =
    <Req, Res>(name: string, run: (call: DocumentCaller, configured: DmpServiceConfig, request: Req) => Promise<Res>) =>
    async (request: Req): Promise<Res> => {
      if (caller === undefined || config === undefined) throw new AppError('DMP_NOT_CONFIGURED');
      const started = Date.now();
      try {
        const result = await run(caller, config, request);
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
    search: withCaller('TD3.1', async (call, _config, request) => {
      const answer = await call({
        service: 'registry',
        action: ACTION.registryStoredQuery,
        patient: request.patient,
        body: buildFindDocuments({
          patient: queryPatient(request.patient),
          statuses: request.statuses,
          ...(request.typeCodes === undefined
            ? {}
            : { typeCodes: request.typeCodes.map((t) => ({ ...t, displayName: '' })) }),
          ...(request.createdFrom === undefined ? {} : { creationFrom: new Date(request.createdFrom) }),
          ...(request.createdTo === undefined ? {} : { creationTo: new Date(request.createdTo) }),
        }),
      });
      const documents = parseQueryResponse(answer.payload)
        .documents.filter((entry) => !isSignatureEntry(entry))
        .map(toSummary);
      // Newest first: XDS timestamps (YYYYMMDDhhmmss) sort as strings.
      documents.sort((a, b) => (b.creationTime ?? '').localeCompare(a.creationTime ?? ''));
      return { documents };
    }),

    retrieve: withCaller('TD3.2', async (call, _config, request) => {
      const answer = await call({
        service: 'repository',
        action: ACTION.retrieveDocumentSet,
        patient: request.patient,
        body: buildRetrieveDocument(request.uniqueId),
      });
      const document = parseRetrieveResponse(answer.payload, answer.message).find(
        (d) => d.uniqueId === request.uniqueId,
      );
      if (document === undefined) throw new AppError('DOC_NOT_FOUND');
      const shown = displayableContent(document.content);
      return { mediaType: shown.mediaType, contentBase64: shown.content.toString('base64') };
    }),

    deposit: withCaller('TD2.1', async (call, configured, request) => {
      const content = Buffer.from(request.pdfBase64, 'base64');
      if (!content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        throw new AppError('DOC_INVALID_INPUT', { details: { field: 'pdf' } });
      }
      const context = depositContext(configured);
      const deposit = await buildDeposit({
        content,
        mediaType: 'application/pdf',
        title: request.title,
        typeCode: request.type,
        patient: {
          ins: { root: request.patient.oid, extension: request.patient.matricule },
          birthFamily: request.traits.birthFamily,
          givenNames: request.traits.givenNames,
          sex: request.traits.sex,
          birthDate: request.traits.birthDate.replace(/-/g, ''),
          birthPlaceCode: request.traits.birthPlaceCode,
        },
        author: context.author,
        structure: context.structure,
        contentType: context.contentType,
        sourceId: configured.software.senderOid,
        visibility: request.visibility,
        signer: configured.signer,
        ...(configured.now === undefined ? {} : { now: configured.now() }),
      });
      const answer = await call({
        service: 'repository',
        action: ACTION.provideAndRegister,
        patient: request.patient,
        body: deposit.request.body,
        attachments: deposit.request.attachments,
      });
      checkRegistryResponse(findRegistryResponse(answer.payload));
      return { uniqueId: deposit.uniqueIds.document };
    }),

    setStatus: withCaller('TD3.3', async (call, configured, request) => {
      const context = depositContext(configured);
      const body = buildStatusUpdate({
        submissionSet: {
          id: 'SubmissionSet01',
          uniqueId: uuidOid(),
          sourceId: configured.software.senderOid,
          submissionTime: configured.now?.() ?? new Date(),
          title: request.change === 'archive' ? 'Archivage' : 'Désarchivage',
          contentType: context.contentType,
          patient: queryPatient(request.patient),
          author: context.author,
          structure: context.structure,
        },
        entryUuid: request.entryUuid,
        currentStatus: request.currentStatus,
        change: request.change,
      });
      const answer = await call({
        service: 'registry',
        action: ACTION.updateDocumentSet,
        patient: request.patient,
        body,
      });
      checkRegistryResponse(findRegistryResponse(answer.payload));
      return { done: true } as const;
    }),
  };
}
