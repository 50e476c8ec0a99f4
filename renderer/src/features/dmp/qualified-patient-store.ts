import type { DeskSession, DmpClient } from '../../../../shared/api';

/**
 * Main's desk session as the renderer follows it: the patient in context and the practitioner.
 * One store per client, fed by `session.current` then `session.changed`, so every screen shows
 * the same patient and a change of patient reaches all of them at once.
 */
export interface DeskSessionStore {
  readonly subscribe: (listener: () => void) => () => void;
  readonly snapshot: () => DeskSession | undefined;
}

const stores = new WeakMap<DmpClient, DeskSessionStore>();

export function deskSessionStore(client: DmpClient): DeskSessionStore {
  const existing = stores.get(client);
  if (existing !== undefined) return existing;
  let current: DeskSession | undefined;
  let pushed = false;
  const listeners = new Set<() => void>();
  const publish = (session: DeskSession): void => {
    current = session;
    for (const listener of listeners) listener();
  };
  client.on('session.changed', (session) => {
    pushed = true;
    publish(session);
  });
  void client.session.current({}).then((result) => {
    // An event that arrived meanwhile is newer than this answer.
    if (result.ok && !pushed) publish(result.value);
  });
  const store: DeskSessionStore = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => current,
  };
  stores.set(client, store);
  return store;
}
