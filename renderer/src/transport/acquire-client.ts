import type { DmpClient } from '../../../shared/api';
import { connectWebSocketClient, TransportError, type ConnectionState } from './websocket-client';

declare global {
  interface Window {
    /** Set by the Electron preload, or by {@link acquireClient} from the websocket in the browser harness. */
    readonly dmp?: DmpClient;
  }
}

/**
 * Electron: the preload already exposed `window.dmp`. Browser harness: the one-time token is
 * in the URL fragment; it is read once and wiped from the address bar and history, and the
 * websocket client is installed as `window.dmp` (read-only), so both modes look the same.
 */
export async function acquireClient(onStateChange: (state: ConnectionState) => void): Promise<DmpClient> {
  if (window.dmp !== undefined) return window.dmp;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  window.history.replaceState(null, '', window.location.pathname);
  if (token === null || token === '') throw new TransportError('TRANSPORT_UNAUTHORIZED');
  const client = await connectWebSocketClient({ origin: window.location.origin, token, onStateChange });
  Object.defineProperty(window, 'dmp', { value: Object.freeze(client), writable: false, configurable: false });
  return client;
}
