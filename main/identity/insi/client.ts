import { randomUUID } from 'node:crypto';
import type { IdentityTraits, InsiIndividual } from '../../../shared/domain/identity';
import { AppError, isAppError } from '../../../shared/errors';
import type { ProxyConfig } from '../../config/runtime';
import type { Logger } from '../../log/logger';
import { buildEnvelope, postSoap, type TlsCredentials } from '../../soap';
import { INSI_ACTIONS, type InsiOperation } from './namespaces';
import {
  contexteBam,
  contexteLps,
  recSansVitale,
  recVitale,
  type LpsIdentity,
  type TraitsQuery,
  type VitaleQuery,
} from './request';
import { readInsiResult, type InsiResult } from './response';
import { searchPlan } from './strategy';

export interface InsiClientConfig {
  readonly url: string;
  readonly tls: TlsCredentials;
  readonly lps: LpsIdentity;
  readonly emitter: string;
  readonly timeoutMs?: number;
  /** HTTPS proxy the calls tunnel through (CONNECT); absent: direct. */
  readonly proxy?: ProxyConfig;
  readonly maxResponseBytes?: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface InsiMatch {
  readonly individual: InsiIndividual;
  /** How many INSi calls the search took (the multi-first-name strategy may need several). */
  readonly calls: number;
}

export interface InsiClient {
  /** `rechercherInsAvecTraitsIdentite` with the first-name strategy. Traits must be normalised. */
  searchWithTraits(traits: IdentityTraits): Promise<InsiMatch>;
  /** `rechercherInsAvecCarteVitale` from the card's data. */
  searchWithVitale(query: VitaleQuery): Promise<InsiMatch>;
}

const INSI_TIMEOUT_MS = 15_000;
/** An INSi answer is a few kilobytes; anything far bigger is refused before parsing. */
const INSI_MAX_RESPONSE_BYTES = 256 * 1024;

/** Transport and protocol failures, in the INSi vocabulary the desk shows. */
function toInsiError(error: unknown): unknown {
  if (!isAppError(error)) return error;
  if (error.code === 'SERVICE_UNAVAILABLE' || error.code === 'SERVICE_TIMEOUT' || error.code === 'SERVICE_HTTP_ERROR') {
    return new AppError('INSI_UNAVAILABLE', { details: { reason: error.code }, cause: error });
  }
  if (error.code === 'SOAP_FAULT') {
    // Renamed so the fault's own code never shadows ours when details are spread.
    const details = { faultCode: error.details?.['code'] ?? null, subcode: error.details?.['subcode'] ?? null };
    return new AppError('INSI_FAULT', { details, cause: error });
  }
  return error;
}

export function createInsiClient(config: InsiClientConfig): InsiClient {
  const now = config.now ?? (() => new Date());

  const call = async (operation: InsiOperation, body: string): Promise<InsiResult> => {
    const action = INSI_ACTIONS[operation];
    const context = { lps: config.lps, emitter: config.emitter, now: now() };
    const envelope = buildEnvelope({
      action,
      to: config.url,
      // INSi message ids are `uuid:<uuid>` (no `urn:` prefix).
      messageId: `uuid:${randomUUID()}`,
      extraHeaders: [contexteLps(context), contexteBam(context)],
      body,
    });
    try {
      const response = await postSoap({
        url: config.url,
        action,
        body: envelope,
        tls: config.tls,
        ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
        timeoutMs: config.timeoutMs ?? INSI_TIMEOUT_MS,
        maxResponseBytes: config.maxResponseBytes ?? INSI_MAX_RESPONSE_BYTES,
        logger: config.logger,
      });
      const result = readInsiResult(response.envelope.payload);
      config.logger.info('insi.result', { operation, code: result.code });
      return result;
    } catch (error) {
      const mapped = toInsiError(error);
      config.logger.warn('insi.failed', { operation, code: isAppError(mapped) ? mapped.code : 'INTERNAL_ERROR' });
      throw mapped;
    }
  };

  return {
    async searchWithTraits(traits) {
      const plan = searchPlan(traits);
      let calls = 0;
      let multiple = false;
      for (let query: TraitsQuery | undefined = plan.next(undefined); query !== undefined;) {
        calls += 1;
        const result = await call('traits', recSansVitale(query));
        if (result.code === '00') return { individual: result.individual, calls };
        multiple ||= result.code === '02';
        query = plan.next(result.code);
      }
      throw new AppError(multiple ? 'INSI_MULTIPLE_MATCHES' : 'INSI_NO_MATCH', { details: { calls } });
    },

    async searchWithVitale(query) {
      const result = await call('vitale', recVitale(query));
      if (result.code === '00') return { individual: result.individual, calls: 1 };
      throw new AppError(result.code === '02' ? 'INSI_MULTIPLE_MATCHES' : 'INSI_NO_MATCH', { details: { calls: 1 } });
    },
  };
}
