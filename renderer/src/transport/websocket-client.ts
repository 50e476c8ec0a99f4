import { buildClient } from '../../../shared/api/client';
import type { ChannelName, DmpClient, EventName } from '../../../shared/api';
import { ServerFrameSchema, WS_CLOSE_UNAUTHORIZED, WS_PATH } from '../../../shared/api/wire';
import { ERROR_DEFINITIONS, fail, type ErrorCode, type Result } from '../../../shared/errors';

export type ConnectionState = 'open' | 'closed';

const errorShape = (code: ErrorCode) => ({ code, ...ERROR_DEFINITIONS[code] });

export class TransportError extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
    this.name = 'TransportError';
  }
}

/**
 * `window.dmp` over the harness websocket. Resolves once the server has accepted the one-time
 * token; every call still pending when the socket drops resolves with TRANSPORT_DISCONNECTED
 * rather than hanging the screen.
 */
export function connectWebSocketClient(options: {
  origin: string;
  token: string;
  onStateChange?: (state: ConnectionState) => void;
}): Promise<DmpClient> {
  const socketUrl = `${options.origin.replace(/^http/, 'ws')}${WS_PATH}`;
  const socket = new WebSocket(socketUrl);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  const invoke = (channel: ChannelName, request: unknown): Promise<Result<unknown>> => {
    if (socket.readyState !== WebSocket.OPEN) return Promise.resolve(fail(errorShape('TRANSPORT_DISCONNECTED')));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, channel, request }));
    });
  };
  const subscribe = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };

  return new Promise((resolve, reject) => {
    let welcomed = false;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello', token: options.token })));
    socket.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      let parsed;
      try {
        parsed = ServerFrameSchema.safeParse(JSON.parse(message.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.type === 'welcome') {
        welcomed = true;
        options.onStateChange?.('open');
        resolve(buildClient(invoke, subscribe));
      } else if (frame.type === 'result') {
        const settle = pending.get(frame.id);
        pending.delete(frame.id);
        settle?.(frame.result as Result<unknown>);
      } else {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    });
    socket.addEventListener('close', (event) => {
      for (const settle of pending.values()) settle(fail(errorShape('TRANSPORT_DISCONNECTED')));
      pending.clear();
      if (!welcomed) {
        reject(
          new TransportError(
            event.code === WS_CLOSE_UNAUTHORIZED ? 'TRANSPORT_UNAUTHORIZED' : 'TRANSPORT_DISCONNECTED',
          ),
        );
      } else {
        options.onStateChange?.('closed');
      }
    });
  });
}
