import {
  DocumentSummarySchema,
  RetrievedContentSchema,
  type DmpPatientRef,
  type DocumentSummary,
} from '../../../shared/api';
import { isAppError } from '../../../shared/errors';
import type { Store } from '../../store/client';
import type { DocumentsGroupHandlers } from './transactions/types';

/** A retrieved document as the `documents.retrieve` handler answers it. */
type RetrievedContent = Awaited<ReturnType<DocumentsGroupHandlers['retrieve']>>;

/**
 * The patient's DMP documents as this desk last saw them, kept in the encrypted store: each
 * search's summaries and each retrieved content. When the DMP cannot be reached, the list and
 * the viewer answer from here, saying how old the copy is. The retention purges it
 * (main/store/retention.ts), "forget this patient" removes it.
 */
export interface DocumentCache {
  remember(patient: DmpPatientRef, documents: readonly DocumentSummary[]): Promise<void>;
  rememberContent(patient: DmpPatientRef, uniqueId: string, content: RetrievedContent): Promise<void>;
  /** The cached documents matching the search, or undefined when the cache cannot answer it. */
  search(
    patient: DmpPatientRef,
    filter: CachedSearch,
  ): Promise<{ documents: DocumentSummary[]; cachedAt: string } | undefined>;
  content(patient: DmpPatientRef, uniqueId: string): Promise<RetrievedContent | undefined>;
  /** The desk changed this entry (deleted, archived, masked…): the copy goes rather than lie offline. */
  drop(patient: DmpPatientRef, entryUuid: string): Promise<void>;
}

/** The search filters the cache can apply (those of DocumentSearchRequest once defaults are in). */
export interface CachedSearch {
  readonly statuses: readonly string[];
  readonly typeCodes?: readonly { readonly code: string }[] | undefined;
  readonly createdFrom?: string | undefined;
  readonly createdTo?: string | undefined;
  readonly submittedFrom?: string | undefined;
  readonly submittedTo?: string | undefined;
  readonly visibility?: readonly string[] | undefined;
}

/**
 * The failures that mean "the DMP is out of reach" (network, timeout, proxy, server down), when a
 * cached copy is better than nothing. A refusal (authorization, opposition, unknown patient) is an
 * answer: it is shown as such, never papered over with the cache.
 */
const UNREACHABLE = new Set(['SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT', 'SERVICE_HTTP_ERROR', 'PROXY_UNREACHABLE']);

export function isDmpUnreachable(error: unknown): boolean {
  return isAppError(error) && UNREACHABLE.has(error.code);
}

export function createDocumentCache(store: Store, now: () => Date = () => new Date()): DocumentCache {
  return {
    async remember(patient, documents) {
      if (documents.length === 0) return;
      const cachedAt = now().toISOString();
      await store.call('documents.put', {
        patient,
        documents: documents.map((document) => ({
          uniqueId: document.uniqueId,
          entryUuid: document.entryUuid,
          title: document.title ?? '',
          typeCode: document.type?.code ?? '',
          status: document.status,
          creationTime: document.creationTime ?? '',
          cachedAt,
          summary: JSON.stringify(document),
        })),
      });
    },
    async rememberContent(patient, uniqueId, content) {
      // The answer as the viewer shows it (a PDF's bytes, or the readable tree): never the CDA's XML.
      await store.call('documents.putContent', {
        patient,
        uniqueId,
        content: new TextEncoder().encode(JSON.stringify(content)),
        cachedAt: now().toISOString(),
      });
    },
    async search(patient, filter) {
      // Submission dates are not kept: a period of deposits is a question only the DMP answers.
      if (filter.submittedFrom !== undefined || filter.submittedTo !== undefined) return undefined;
      const rows = await store.call('documents.cachedSummaries', {
        patient,
        statuses: filter.statuses,
        ...(filter.typeCodes === undefined ? {} : { typeCodes: filter.typeCodes.map((type) => type.code) }),
      });
      if (rows.length === 0) return undefined;
      const from = filter.createdFrom === undefined ? undefined : xdsTime(filter.createdFrom);
      const to = filter.createdTo === undefined ? undefined : xdsTime(filter.createdTo);
      const documents: DocumentSummary[] = [];
      let oldest: string | undefined;
      for (const row of rows) {
        if (oldest === undefined || row.cachedAt < oldest) oldest = row.cachedAt;
        const parsed = DocumentSummarySchema.safeParse(safeJson(row.summary));
        if (!parsed.success) continue;
        const document = parsed.data;
        const created = document.creationTime ?? '';
        if (from !== undefined && created.padEnd(14, '0') < from) continue;
        if (to !== undefined && created.padEnd(14, '0') > to) continue;
        if (filter.visibility !== undefined && !filter.visibility.some((code) => document.visibility.includes(code))) {
          continue;
        }
        documents.push(document);
      }
      return oldest === undefined ? undefined : { documents, cachedAt: oldest };
    },
    async drop(patient, entryUuid) {
      await store.call('documents.dropEntry', { patient, entryUuid });
    },
    async content(patient, uniqueId) {
      const kept = await store.call('documents.content', { patient, uniqueId });
      if (kept === undefined) return undefined;
      const parsed = RetrievedContentSchema.safeParse(safeJson(new TextDecoder().decode(kept.content)));
      return parsed.success ? { ...parsed.data, cachedAt: kept.cachedAt } : undefined;
    },
  };
}

/** An ISO instant as an XDS time (YYYYMMDDhhmmss, UTC), which sorts as text. */
function xdsTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
