import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../transport/websocket-client';

/** The transport's state, fed from outside React (the websocket callbacks). */
export function createConnectionStore(): {
  set: (state: ConnectionState) => void;
  useConnection: () => ConnectionState;
} {
  let state: ConnectionState = 'open';
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    set(next) {
      state = next;
      for (const listener of listeners) listener();
    },
    useConnection: () => useSyncExternalStore(subscribe, () => state),
  };
}
