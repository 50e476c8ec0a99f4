/**
 * The only bridge between the sandboxed renderer and main: exactly the contract's functions,
 * each bound to its own channel. No generic ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, isEventName } from '../shared/api';
import { buildClient } from '../shared/api/client';
import type { Result } from '../shared/errors';

const client = buildClient(
  (channel, request) => ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, request) as Promise<Result<unknown>>,
  (event, listener) => {
    if (!isEventName(event)) throw new TypeError('unknown event');
    const handler = (_sender: unknown, message: { event: string; payload: unknown }): void => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
);

contextBridge.exposeInMainWorld('dmp', client);
