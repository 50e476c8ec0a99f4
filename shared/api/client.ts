import type { Result } from '../errors';
import { listChannels, type ChannelName, type DmpClient, type EventName } from './index';

export type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the renderer-facing client from two primitives. The preload (over ipcRenderer) and
 * the browser adapter (over the websocket) both use it, so `window.dmp` has exactly the
 * contract's functions whichever transport sits underneath.
 */
export function buildClient(invoke: Invoke, subscribe: Subscribe): DmpClient {
  const groups: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const ref of listChannels()) {
    const group = (groups[ref.group] ??= {});
    group[ref.method] = (request: unknown) => invoke(ref.channel, request);
  }
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => subscribe(event, listener);
  return { ...groups, on } as unknown as DmpClient;
}
