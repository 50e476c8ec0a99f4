import { z } from 'zod';

/**
 * Frames of the loopback websocket transport (tests and the browser harness). The Electron
 * transport needs no framing of its own: ipcRenderer.invoke already pairs calls and results.
 */

export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().min(16).max(256) }),
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(128),
    request: z.unknown(),
  }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.string(),
      messageKey: z.string(),
      retryable: z.boolean(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
  }),
]);

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome') }),
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: ResultSchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** Close codes in the private range 4000-4999. */
export const WS_CLOSE_UNAUTHORIZED = 4401;
export const WS_CLOSE_PROTOCOL = 4400;
export const WS_PATH = '/ws';
