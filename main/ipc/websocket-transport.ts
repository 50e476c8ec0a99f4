import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ClientFrameSchema,
  WS_CLOSE_PROTOCOL,
  WS_CLOSE_UNAUTHORIZED,
  WS_PATH,
  type ServerFrame,
} from '../../shared/api/wire';
import { fail, toErrorShape } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { Router } from './router';

export interface WebSocketTransportOptions {
  readonly router: Router;
  /** An HTTP server already listening on a loopback address; the transport shares its port. */
  readonly server: Server;
  /** Origins allowed to open the socket (the harness page). A browser tab elsewhere is refused. */
  readonly allowedOrigins: readonly string[];
  readonly logger: Logger;
  /** An open socket that has not said hello within this delay is closed. */
  readonly helloTimeoutMs?: number;
  /** Largest frame of an authenticated session (ws refuses larger ones with 1009). */
  readonly maxPayloadBytes?: number;
  /**
   * Bytes a socket may send before it is authenticated. A hello frame is under 300 bytes: a peer
   * sending more is cut as soon as the bytes arrive, before ws has buffered, let alone parsed, them.
   */
  readonly preAuthMaxBytes?: number;
  /** How long an issued token stays valid. */
  readonly tokenTtlMs?: number;
  /** Sockets waiting for their hello at once; more are refused (each holds a timer and buffers). */
  readonly maxPendingSockets?: number;
  readonly now?: () => number;
}

export interface WebSocketTransport {
  /** A fresh single-use token; the first connection that presents it within its lifetime consumes it. */
  issueToken(): string;
  readonly connectionCount: number;
  close(): Promise<void>;
}

const rawToText = (data: RawData): string => {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
};

export const DEFAULT_PRE_AUTH_MAX_BYTES = 4 * 1024;
/** Long enough for someone to copy the printed link into a browser; a leaked old link is dead. */
export const DEFAULT_TOKEN_TTL_MS = 5 * 60_000;
const MAX_PENDING_TOKENS = 32;
const DEFAULT_MAX_PENDING_SOCKETS = 16;

const rawLength = (data: RawData): number =>
  Array.isArray(data) ? data.reduce((total, chunk) => total + chunk.length, 0) : data.byteLength;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

/** The Host an allowed origin's page sends (`127.0.0.1:port`); a rebound DNS name keeps its own. */
const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
};

/**
 * The router over a websocket, for the e2e tests and `npm run start:browser`. Four locks:
 * loopback peers only, an allowed Origin and Host, and a random one-time token, valid for a
 * limited time, in the first frame. Until that frame is checked a socket may send a few KB only.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { router, logger } = options;
  const now = options.now ?? Date.now;
  const tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const preAuthMaxBytes = options.preAuthMaxBytes ?? DEFAULT_PRE_AUTH_MAX_BYTES;
  const maxPendingSockets = options.maxPendingSockets ?? DEFAULT_MAX_PENDING_SOCKETS;
  const allowedHosts = options.allowedOrigins.map(hostOf).filter((host) => host !== undefined);
  /** Token -> expiry time; insertion order is issue order. */
  const pendingTokens = new Map<string, number>();
  const sockets = new Set<WebSocket>();
  let pendingSockets = 0;

  const wss = new WebSocketServer({
    server: options.server,
    path: WS_PATH,
    maxPayload: options.maxPayloadBytes ?? 32 * 1024 * 1024,
    verifyClient: (info: { origin: string; req: IncomingMessage }) => {
      const allowed =
        isLoopbackAddress(info.req.socket.remoteAddress) &&
        options.allowedOrigins.includes(info.origin) &&
        allowedHosts.includes(info.req.headers.host ?? '');
      if (!allowed) logger.warn('ws.refused', { reason: 'origin_host_or_peer' });
      return allowed;
    },
  });

  const forgetExpiredTokens = (): void => {
    const time = now();
    for (const [token, expiresAt] of pendingTokens) if (expiresAt <= time) pendingTokens.delete(token);
  };

  const consumeToken = (presented: string): boolean => {
    forgetExpiredTokens();
    const candidate = Buffer.from(presented);
    for (const token of pendingTokens.keys()) {
      const expected = Buffer.from(token);
      if (expected.length === candidate.length && timingSafeEqual(expected, candidate)) {
        pendingTokens.delete(token);
        return true;
      }
    }
    return false;
  };

  wss.on('connection', (socket, request) => {
    if (pendingSockets >= maxPendingSockets) {
      logger.warn('ws.refused', { reason: 'pending_sockets' });
      socket.terminate();
      return;
    }
    pendingSockets += 1;
    sockets.add(socket);
    let authenticated = false;
    let unsubscribe: (() => void) | undefined;
    const send = (frame: ServerFrame): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    let preAuthBytes = 0;
    const tcp = request.socket;
    // Counted on the TCP stream, chunk by chunk: ws would otherwise buffer a whole frame (up to
    // maxPayload) before anything here could look at it.
    const countPreAuthBytes = (chunk: Buffer): void => {
      preAuthBytes += chunk.length;
      if (preAuthBytes <= preAuthMaxBytes) return;
      tcp.off('data', countPreAuthBytes);
      logger.warn('ws.refused', { reason: 'pre_auth_budget' });
      socket.terminate();
    };
    tcp.on('data', countPreAuthBytes);
    const leavePending = (): void => {
      tcp.off('data', countPreAuthBytes);
      clearTimeout(helloTimer);
      pendingSockets -= 1;
    };
    const helloTimer = setTimeout(
      () => socket.close(WS_CLOSE_UNAUTHORIZED, 'hello timeout'),
      options.helloTimeoutMs ?? 5000,
    );

    const onMessage = (data: RawData, isBinary: boolean): void => {
      if (isBinary) {
        socket.close(WS_CLOSE_PROTOCOL, 'text frames only');
        return;
      }
      if (!authenticated && rawLength(data) > preAuthMaxBytes) {
        logger.warn('ws.refused', { reason: 'pre_auth_budget' });
        socket.close(WS_CLOSE_PROTOCOL, 'frame too large before hello');
        return;
      }
      let frame;
      try {
        frame = ClientFrameSchema.safeParse(JSON.parse(rawToText(data)));
      } catch {
        socket.close(WS_CLOSE_PROTOCOL, 'malformed frame');
        return;
      }
      if (!frame.success) {
        socket.close(WS_CLOSE_PROTOCOL, 'malformed frame');
        return;
      }
      const message = frame.data;
      if (!authenticated) {
        if (message.type !== 'hello' || !consumeToken(message.token)) {
          logger.warn('ws.refused', { reason: 'token' });
          socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        authenticated = true;
        leavePending();
        unsubscribe = router.subscribe((event, payload) => send({ type: 'event', event, payload }));
        send({ type: 'welcome' });
        logger.info('ws.session_opened');
        return;
      }
      if (message.type !== 'call') {
        socket.close(WS_CLOSE_PROTOCOL, 'unexpected hello');
        return;
      }
      router.dispatch(message.channel, message.request, { transport: 'websocket' }).then(
        (result) => send({ type: 'result', id: message.id, result }),
        (error: unknown) => {
          logger.error('ws.dispatch_failed', { type: error instanceof Error ? error.name : typeof error });
          send({ type: 'result', id: message.id, result: fail(toErrorShape(error)) });
        },
      );
    };

    socket.on('message', (data, isBinary) => {
      // A throw here would leave ws's receiver and reach the process: it costs this socket only.
      try {
        onMessage(data, isBinary);
      } catch (error) {
        logger.error('ws.frame_failed', { type: error instanceof Error ? error.name : typeof error });
        socket.close(WS_CLOSE_PROTOCOL, 'internal error');
      }
    });

    socket.on('close', () => {
      if (!authenticated) leavePending();
      unsubscribe?.();
      sockets.delete(socket);
      if (authenticated) logger.info('ws.session_closed');
    });
    socket.on('error', () => logger.warn('ws.socket_error'));
  });

  return {
    issueToken() {
      forgetExpiredTokens();
      // Unused links pile up when someone presses Enter repeatedly: the oldest goes first.
      while (pendingTokens.size >= MAX_PENDING_TOKENS)
        pendingTokens.delete(pendingTokens.keys().next().value as string);
      const token = randomBytes(32).toString('base64url');
      pendingTokens.set(token, now() + tokenTtlMs);
      return token;
    },
    get connectionCount() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
