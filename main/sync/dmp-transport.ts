import { AppError } from '../../shared/errors';
import type { Signer } from '../crypto/signer';
import { DEFAULT_VIHF_TTL_MS, type DmpConnection } from '../dmp/client';
import { refineRegistryRefusal } from '../dmp/documents/refusal';
import { createVihfCache, type VihfCache } from '../dmp/vihf/cache';
import {
  ACTION,
  buildGetDocumentsByUniqueId,
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

  return {
    async send(job) {
      try {
        checkRegistryResponse(findRegistryResponse(await exchange(job, job.request)));
      } catch (error) {
        throw refineRegistryRefusal(error, job.request.accessMode);
      }
    },
    async lookup(job) {
      try {
        const payload = await exchange(job, {
          service: 'registry',
          action: ACTION.registryStoredQuery,
          body: buildGetDocumentsByUniqueId([job.item.uniqueId], 'ObjectRef'),
          attachments: [],
        });
        return parseQueryResponse(payload).references.length > 0;
      } catch (error) {
        throw refineRegistryRefusal(error, job.request.accessMode);
      }
    },
  };
}
