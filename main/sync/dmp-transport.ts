import { AppError } from '../../shared/errors';
import type { Signer } from '../crypto/signer';
import { DEFAULT_VIHF_TTL_MS, type DmpConnection } from '../dmp/client';
import { refineRegistryRefusal } from '../dmp/documents/refusal';
import { checkUpdateAnswer } from '../dmp/documents/transactions/update-refusal';
import { createVihfCache, type VihfCache } from '../dmp/vihf/cache';
import {
  ACTION,
  buildGetDocumentsByUniqueId,
  buildGetDocumentsByUuid,
  checkRegistryResponse,
  findRegistryResponse,
  parseQueryResponse,
} from '../dmp/xds';
import type { SyncJob } from './engine';

export interface SyncTransport {
  readonly send: (job: SyncJob) => Promise<void>;
  readonly lookup: (job: SyncJob) => Promise<boolean>;
}

/**
 * `send` and `lookup` of the sync engine over the one DMP connection: the VIHF is signed now,
 * by the key the engine chose, naming the item's author; a token is reused for the same author,
 * key, patient and access mode while valid, as the desk's own calls do.
 */
export function createDmpSyncTransport(
  connection: DmpConnection,
  options: { readonly vihfTtlMs?: number } = {},
): SyncTransport {
  const caches = new Map<string, { readonly signer: Signer; readonly cache: VihfCache }>();
  const clientFor = (job: SyncJob) => {
    const authorId = job.request.author.nationalId;
    let held = caches.get(authorId);
    // Another key (the card came back, or the establishment's stood in): its own tokens.
    if (held?.signer !== job.signer) {
      held = { signer: job.signer, cache: createVihfCache(options.vihfTtlMs ?? DEFAULT_VIHF_TTL_MS) };
      caches.set(authorId, held);
    }
    const { cache, signer } = held;
    return connection.clientFor({
      practitioner: job.request.author,
      signer: () => Promise.resolve(signer),
      vihfCache: cache,
    });
  };

  const exchange = async (
    job: SyncJob,
    call: Pick<SyncJob['request'], 'service' | 'action' | 'body' | 'attachments'>,
  ): Promise<Element> => {
    const response = await clientFor(job).exchange({
      service: call.service,
      action: call.action,
      body: call.body,
      ...(call.attachments.length === 0 ? {} : { attachments: call.attachments }),
      patient: job.item.ins,
      accessMode: job.request.accessMode,
      emergencyReason: job.request.emergencyReason,
    });
    const payload = response.envelope.payload;
    if (payload === undefined) throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'empty_body' } });
    return payload;
  };

  const query = (job: SyncJob, body: string) =>
    exchange(job, { service: 'registry', action: ACTION.registryStoredQuery, body, attachments: [] });

  return {
    async send(job) {
      try {
        const payload = await exchange(job, job.request);
        // An ITI-57 update refused because the entry moved on reads as DOC_STALE_VERSION, as from the desk.
        if (isMetadataChange(job)) checkUpdateAnswer(payload);
        else checkRegistryResponse(findRegistryResponse(payload));
      } catch (error) {
        throw refineRegistryRefusal(error, job.request.accessMode);
      }
    },
    async lookup(job) {
      try {
        if (!isMetadataChange(job)) {
          const payload = await query(job, buildGetDocumentsByUniqueId([job.item.uniqueId], 'ObjectRef'));
          return parseQueryResponse(payload).references.length > 0;
        }
        const check = job.request.check;
        // Written without its check (not by this version): nothing to look it up by, so it is never sent twice.
        if (check === undefined) throw new AppError('OUTBOX_PAYLOAD_UNREADABLE', { details: { reason: 'check' } });
        const { documents } = parseQueryResponse(await query(job, buildGetDocumentsByUuid([check.entryUuid])));
        const entry = documents.find((document) => document.entryUuid === check.entryUuid);
        if (entry === undefined) return false;
        // A new metadata version exists only if it was received: found is delivered. A status change
        // is delivered when the entry is in the status it asked for (set by this item or, just as
        // well, by someone else meanwhile: sending it again could only be refused).
        return check.status === undefined || entry.status === check.status;
      } catch (error) {
        throw refineRegistryRefusal(error, job.request.accessMode);
      }
    },
  };
}

/** Visibility and status changes (ITI-57) are looked up by entry, deposits and replacements by uniqueId. */
function isMetadataChange(job: SyncJob): boolean {
  return job.item.kind === 'visibility' || job.item.kind === 'status';
}
