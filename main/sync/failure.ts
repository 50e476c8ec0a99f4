import { isAppError } from '../../shared/errors';

/**
 * What one failed attempt means for an outbox item. The line that matters is between "certainly
 * not in the DMP" and "maybe in the DMP": a request that may have been received is never sent
 * again before the document is looked up by its uniqueId.
 *
 * - `delivered`: the DMP says it already holds the document (a retry refused as a duplicate);
 * - `no_signer`: nothing left — no card to sign the VIHF (pulled, absent, PIN to enter);
 * - `not_sent`: a retryable failure before the request could reach the service (connection refused, no route);
 * - `ambiguous`: a retryable failure after it may have (dropped connection, timeout, 5xx): look it up first;
 * - `permanent`: a refusal that will not change by itself: stop, say why.
 */
export type FailureVerdict = 'delivered' | 'no_signer' | 'not_sent' | 'ambiguous' | 'permanent';

/** Socket errors of a connection that never opened: the request did not leave. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

const NO_SIGNER_CODES = new Set([
  'SESSION_PRACTITIONER_REQUIRED',
  'CARD_ABSENT',
  'CARD_REMOVED',
  'CARD_READER_NOT_FOUND',
  'PIN_REQUIRED',
  'PCSC_UNAVAILABLE',
]);

export function failureVerdict(error: unknown): FailureVerdict {
  if (!isAppError(error)) return 'permanent';
  if (error.code === 'DOC_REGISTRY_ERROR' && error.details?.['errorCode'] === 'XDSDuplicateUniqueIdInRegistry') {
    return 'delivered';
  }
  if (NO_SIGNER_CODES.has(error.code)) return 'no_signer';
  if (!error.retryable) return 'permanent';
  if (error.code === 'PROXY_UNREACHABLE') return 'not_sent';
  if (error.code === 'SERVICE_UNAVAILABLE' && NEVER_CONNECTED.has(String(error.details?.['errno']))) return 'not_sent';
  return 'ambiguous';
}

export interface BackoffPolicy {
  /** The first delay after a retryable failure. */
  readonly baseMs: number;
  /** The longest delay, however many failures. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * The delay before the next try after `failures` retryable failures in a row: doubling from
 * `baseMs`, capped at `maxMs`, then drawn in its upper half ("equal jitter") so desks that lost
 * the DMP together do not all come back in the same second.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random(), 0), 1));
}
