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
import type { Logger } from '../log/logger';
import type { Router } from './router';

export interface WebSocketTransportOptions {
  readonly router: Router;
  /** An HTTP server already listening on a loopback address; the transport shares its port. */
  readonly server: Server;
  /** Origins allowed to open the socket (the harness page). A browser tab elsewhere is refused. */
  readonly allowedOrigins: readonly string[];
  readonly logger: Logger;
  readonly helloTimeoutMs?: number;
  readonly maxPayloadBytes?: number;
}

export interface WebSocketTransport {
  /** A fresh single-use token; the first connection that presents it consumes it. */
  issueToken(): string;
  readonly connectionCount: number;
  close(): Promise<void>;
}

const rawToText = (data: RawData): string => {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

/**
 * The router over a websocket, for the e2e tests and `npm run start:browser`. Three locks:
 * loopback peers only, an allowed Origin, and a random one-time token in the first frame.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { router, logger } = options;
  const pendingTokens = new Set<string>();
  const sockets = new Set<WebSocket>();

  const wss = new WebSocketServer({
    server: options.server,
    path: WS_PATH,
    maxPayload: options.maxPayloadBytes ?? 32 * 1024 * 1024,
    verifyClient: (info: { origin: string; req: IncomingMessage }) => {
      const allowed = isLoopbackAddress(info.req.socket.remoteAddress) && options.allowedOrigins.includes(info.origin);
      if (!allowed) logger.warn('ws.refused', { reason: 'origin_or_peer' });
      return allowed;
    },
  });

  const consumeToken = (presented: string): boolean => {
    const candidate = Buffer.from(presented);
    for (const token of pendingTokens) {
      const expected = Buffer.from(token);
      if (expected.length === candidate.length && timingSafeEqual(expected, candidate)) {
        pendingTokens.delete(token);
        return true;
      }
    }
    return false;
  };

  wss.on('connection', (socket) => {
    sockets.add(socket);
    let authenticated = false;
    let unsubscribe: (() => void) | undefined;
    const send = (frame: ServerFrame): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const helloTimer = setTimeout(
      () => socket.close(WS_CLOSE_UNAUTHORIZED, 'hello timeout'),
      options.helloTimeoutMs ?? 5000,
    );

    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(WS_CLOSE_PROTOCOL, 'text frames only');
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
        clearTimeout(helloTimer);
        unsubscribe = router.subscribe((event, payload) => send({ type: 'event', event, payload }));
        send({ type: 'welcome' });
        logger.info('ws.session_opened');
        return;
      }
      if (message.type !== 'call') {
        socket.close(WS_CLOSE_PROTOCOL, 'unexpected hello');
        return;
      }
      void router
        .dispatch(message.channel, message.request, { transport: 'websocket' })
        .then((result) => send({ type: 'result', id: message.id, result }));
    });

    socket.on('close', () => {
      clearTimeout(helloTimer);
      unsubscribe?.();
      sockets.delete(socket);
      if (authenticated) logger.info('ws.session_closed');
    });
    socket.on('error', () => logger.warn('ws.socket_error'));
  });

  return {
    issueToken() {
      const token = randomBytes(32).toString('base64url');
      pendingTokens.add(token);
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
