import { EVENTS, type EventName, type EventPayload } from '../../shared/api';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Main-process events bound for the renderer. Payloads are validated against the contract
 * when emitted, so a transport never forwards something the renderer's types do not describe.
 */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const checked = EVENTS[event].payload.parse(payload);
      for (const listener of [...listeners]) listener(event, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
