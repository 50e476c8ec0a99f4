import type { z } from 'zod';
import type { Result } from '../errors';
import { appMethods } from './app';
import { cardsEvents, cardsMethods } from './cards';
import type { EventMap, MethodGroups, MethodSpec } from './define';
import { dmpEvents, dmpMethods } from './dmp';
import { documentsMethods } from './documents';
import { historyEvents, historyMethods } from './history';
import { identityEvents, identityMethods } from './identity';
import { outboxEvents, outboxMethods } from './outbox';
import { sessionEvents, sessionMethods } from './session';
import { settingsEvents, settingsMethods } from './settings';
import { trainingMethods } from './training';

export * from './app';
export * from './cards';
export * from './dmp';
export * from './documents';
export * from './history';
export * from './identity';
export * from './outbox';
export * from './readable-cda';
export * from './session';
export * from './settings';
export * from './training';
export type { EventSpec, MethodSpec } from './define';

/**
 * The whole API between the renderer and main. Both transports (Electron IPC, loopback
 * websocket), the preload bridge and the router derive from this one object.
 */
export const API = {
  app: appMethods,
  settings: settingsMethods,
  cards: cardsMethods,
  session: sessionMethods,
  identity: identityMethods,
  dmp: dmpMethods,
  documents: documentsMethods,
  history: historyMethods,
  outbox: outboxMethods,
  training: trainingMethods,
} as const satisfies MethodGroups;

export const EVENTS = {
  ...settingsEvents,
  ...cardsEvents,
  ...identityEvents,
  ...sessionEvents,
  ...dmpEvents,
  ...historyEvents,
  ...outboxEvents,
} as const satisfies EventMap;

export type Api = typeof API;
export type Events = typeof EVENTS;
export type GroupName = keyof Api;
export type EventName = keyof Events;

/** Wire name of a method: `group.method`. */
export type ChannelName = { [G in GroupName]: `${G}.${Extract<keyof Api[G], string>}` }[GroupName];

export type RequestOf<M extends MethodSpec> = z.input<M['request']>;
export type ResponseOf<M extends MethodSpec> = z.output<M['response']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

/** What the renderer sees as `window.dmp`: one function per contract method, plus typed events. */
export type DmpClient = {
  readonly [G in GroupName]: {
    readonly [M in keyof Api[G]]: Api[G][M] extends MethodSpec
      ? (request: RequestOf<Api[G][M]>) => Promise<Result<ResponseOf<Api[G][M]>>>
      : never;
  };
} & {
  /** Subscribe to a main-process event; returns the unsubscribe function. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What main implements: one async handler per contract method. */
export type DmpHandlers<Ctx> = {
  readonly [G in GroupName]: {
    readonly [M in keyof Api[G]]: Api[G][M] extends MethodSpec
      ? (request: z.output<Api[G][M]['request']>, context: Ctx) => Promise<z.input<Api[G][M]['response']>>
      : never;
  };
};

export interface ChannelRef {
  readonly group: GroupName;
  readonly method: string;
  readonly channel: ChannelName;
  readonly spec: MethodSpec;
}

/** Every method of the contract, flattened; the only list of channels that may ever be bridged. */
export function listChannels(): readonly ChannelRef[] {
  const channels: ChannelRef[] = [];
  for (const [group, methods] of Object.entries(API) as [GroupName, Record<string, MethodSpec>][]) {
    for (const [name, spec] of Object.entries(methods)) {
      channels.push({ group, method: name, channel: `${group}.${name}` as ChannelName, spec });
    }
  }
  return channels;
}

export function findChannel(channel: string): ChannelRef | undefined {
  return listChannels().find((ref) => ref.channel === channel);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(EVENTS, name);
}

/** Prefix of every Electron IPC channel, so a stray channel from a dependency can never match. */
export const IPC_PREFIX = 'dmp:';
export const IPC_EVENT_CHANNEL = 'dmp:event';
