import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DmpClient } from '../../../../shared/api';
import type { OutboxSnapshot } from '../../../../shared/api/outbox';
import type { Result } from '../../../../shared/errors';

/**
 * What the outbox screen needs from main: the snapshot, its changes, and the two user actions.
 * The screen depends on this port rather than on the whole client, so its states can be shown
 * and tested one by one.
 */
export interface OutboxPort {
  readonly list: () => Promise<Result<OutboxSnapshot>>;
  readonly retry: (id: string) => Promise<Result<OutboxSnapshot>>;
  readonly cancel: (id: string) => Promise<Result<OutboxSnapshot>>;
  readonly onChanged: (listener: (snapshot: OutboxSnapshot) => void) => () => void;
}

export interface OutboxStore {
  readonly subscribe: (listener: () => void) => () => void;
  readonly snapshot: () => OutboxSnapshot | undefined;
  /** Publishes the snapshot an action answered, so the panel reflects it before the event arrives. */
  readonly publish: (snapshot: OutboxSnapshot) => void;
}

const stores = new WeakMap<OutboxPort, OutboxStore>();

/**
 * One store per port, fed by `outbox.list` then `outbox.changed`, so the header and the panel
 * always show the same outbox.
 */
export function outboxStore(port: OutboxPort): OutboxStore {
  const existing = stores.get(port);
  if (existing !== undefined) return existing;
  let current: OutboxSnapshot | undefined;
  let pushed = false;
  const listeners = new Set<() => void>();
  const publish = (snapshot: OutboxSnapshot): void => {
    current = snapshot;
    for (const listener of listeners) listener();
  };
  port.onChanged((snapshot) => {
    pushed = true;
    publish(snapshot);
  });
  void port.list().then((result) => {
    // An event that arrived meanwhile is newer than this answer.
    if (result.ok && !pushed) publish(result.value);
  });
  const store: OutboxStore = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => current,
    publish,
  };
  stores.set(port, store);
  return store;
}

/** The port the desk's outbox views use; the shell provides main's (see outboxPortOf). */
export const OutboxPortContext = createContext<OutboxPort | undefined>(undefined);

export function useOutboxPort(): OutboxPort | undefined {
  return useContext(OutboxPortContext);
}

const noStore: OutboxStore = {
  subscribe: () => () => undefined,
  snapshot: () => undefined,
  publish: () => undefined,
};

/** The outbox as main last said it (undefined until main answers, or where there is no outbox). */
export function useOutboxSnapshot(port: OutboxPort | undefined): OutboxSnapshot | undefined {
  const store = port === undefined ? noStore : outboxStore(port);
  return useSyncExternalStore(store.subscribe, store.snapshot);
}

const ports = new WeakMap<DmpClient, OutboxPort>();

/** Main's outbox through the typed client (`outbox.*` and `outbox.changed`), one port per client. */
export function outboxPortOf(client: DmpClient): OutboxPort {
  const existing = ports.get(client);
  if (existing !== undefined) return existing;
  const port: OutboxPort = {
    list: () => client.outbox.list({}),
    retry: (id) => client.outbox.retry({ id }),
    cancel: (id) => client.outbox.cancel({ id }),
    onChanged: (listener) => client.on('outbox.changed', listener),
  };
  ports.set(client, port);
  return port;
}
