import type { z } from 'zod';

/**
 * Building blocks of the API contract. A method is a request/response pair of zod schemas;
 * an event is a payload schema pushed from main to the renderer. The contract is a two-level
 * map (`group.method`) so the client object reads like `dmp.settings.update(...)`.
 */

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly request: Req;
  readonly response: Res;
}

export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: Payload;
}

export const method = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): MethodSpec<Req, Res> => ({
  kind: 'method',
  request,
  response,
});

export const event = <Payload extends z.ZodType>(payload: Payload): EventSpec<Payload> => ({ kind: 'event', payload });

export type MethodGroups = Readonly<Record<string, Readonly<Record<string, MethodSpec>>>>;
export type EventMap = Readonly<Record<string, EventSpec>>;
