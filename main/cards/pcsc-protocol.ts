import type { CardServiceState } from '../../shared/domain/cards';

/**
 * Messages between the app and the PC/SC host process (main/cards/pcsc-host.ts), which owns
 * every call into the `smartcard` binding. They travel over the child's IPC channel with
 * `serialization: 'advanced'` (structured clone), so byte arrays cross as Uint8Array.
 */

export type HostRequest =
  | {
      readonly id: number;
      readonly op: 'transmit';
      readonly reader: string;
      /** The insertion the caller's channel is bound to (see HostReader.generation). */
      readonly generation: number;
      readonly apdu: Uint8Array;
    }
  /** Answered at once by a host whose event loop is free: tells a slow card from a frozen host. */
  | { readonly id: number; readonly op: 'ping' }
  /** Release every card (with a reset: no CPS stays logged in for other PC/SC clients), then exit. */
  | { readonly id: number; readonly op: 'stop' };

/** Why a transmit failed, in the host's words; the app maps each to its AppError code. */
export type HostFailure = 'card-removed' | 'card-absent' | 'reader-not-found' | 'unavailable' | 'timeout' | 'io';

export interface HostReader {
  readonly name: string;
  readonly atr?: Uint8Array;
  /** Bumped on every insertion and removal in this reader, so a stale channel is refused. */
  readonly generation: number;
}

export type HostMessage =
  | { readonly kind: 'answer'; readonly id: number; readonly response?: Uint8Array }
  | { readonly kind: 'failure'; readonly id: number; readonly failure: HostFailure }
  | { readonly kind: 'state'; readonly service: CardServiceState; readonly readers: readonly HostReader[] }
  /** Log lines go through the app's logger: event names and kinds only, never bytes. */
  | {
      readonly kind: 'log';
      readonly level: 'info' | 'warn' | 'error';
      readonly event: string;
      readonly kindOf?: string;
    };

const FAILURES: ReadonlySet<string> = new Set<HostFailure>([
  'card-removed',
  'card-absent',
  'reader-not-found',
  'unavailable',
  'timeout',
  'io',
]);
const SERVICE_STATES: ReadonlySet<string> = new Set<CardServiceState>(['starting', 'ready', 'unavailable']);
const LOG_LEVELS: ReadonlySet<string> = new Set(['info', 'warn', 'error']);

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isHostReader(value: unknown): value is HostReader {
  if (!isRecord(value) || typeof value.name !== 'string' || !isId(value.generation)) return false;
  return value.atr === undefined || value.atr instanceof Uint8Array;
}

/** The host is our own code, but a process boundary is a trust boundary all the same: check the shape. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'answer':
      return isId(value.id) && (value.response === undefined || value.response instanceof Uint8Array);
    case 'failure':
      return isId(value.id) && typeof value.failure === 'string' && FAILURES.has(value.failure);
    case 'state':
      return (
        typeof value.service === 'string' &&
        SERVICE_STATES.has(value.service) &&
        Array.isArray(value.readers) &&
        value.readers.every(isHostReader)
      );
    case 'log':
      return (
        typeof value.level === 'string' &&
        LOG_LEVELS.has(value.level) &&
        typeof value.event === 'string' &&
        (value.kindOf === undefined || typeof value.kindOf === 'string')
      );
    default:
      return false;
  }
}

export function isHostRequest(value: unknown): value is HostRequest {
  if (!isRecord(value) || !isId(value.id)) return false;
  switch (value.op) {
    case 'transmit':
      return typeof value.reader === 'string' && isId(value.generation) && value.apdu instanceof Uint8Array;
    case 'ping':
    case 'stop':
      return true;
    default:
      return false;
  }
}
