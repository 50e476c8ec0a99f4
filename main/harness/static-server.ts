import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../log/logger';
import { assetHeaders, buildContentSecurityPolicy, resolveAssetPath } from '../security/policy';

/**
 * The Host header of a request the harness serves: its own loopback address and port only. A page
 * of another site that re-points its DNS name at 127.0.0.1 (DNS rebinding) keeps its own name in
 * Host, and is refused here before any file or socket is reached.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const normalized = host.toLowerCase();
  return normalized === `127.0.0.1:${port}` || normalized === `localhost:${port}`;
}

/**
 * The path of a request target, without query or fragment, or undefined unless it is in origin
 * form (`/…`). Plain string work: `new URL` throws on targets such as `//`, and one throw in the
 * handler once took the whole harness down.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

export interface StaticServer {
  readonly server: Server;
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on loopback with the same CSP as the app:// protocol, except
 * that the page may open exactly one websocket: back to this server.
 */
export async function startStaticServer(options: {
  rootDir: string;
  port?: number;
  logger: Logger;
}): Promise<StaticServer> {
  const host = '127.0.0.1';
  let csp = buildContentSecurityPolicy({ connectSrc: [] });
  let port = 0;
  const logger = options.logger;
  const answer = (response: ServerResponse, status: number): void => {
    if (!response.headersSent) response.writeHead(status);
    response.end();
  };
  const serve = (request: IncomingMessage, response: ServerResponse): void => {
    if (!isAllowedHost(request.headers.host, port)) {
      logger.warn('harness.refused', { reason: 'host' });
      answer(response, 421);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      answer(response, 405);
      return;
    }
    const pathname = requestPath(request.url);
    if (pathname === undefined) {
      answer(response, 400);
      return;
    }
    const file = resolveAssetPath(options.rootDir, pathname);
    if (file === undefined) {
      answer(response, 404);
      return;
    }
    readFile(file).then(
      (body) => {
        if (response.destroyed) return;
        response.writeHead(200, assetHeaders(file, csp));
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => answer(response, 404),
    );
  };
  const server = createServer((request, response) => {
    // Whatever a request holds, it costs this request only: the harness keeps serving.
    try {
      serve(request, response);
    } catch (error) {
      logger.error('harness.request_failed', { type: error instanceof Error ? error.name : typeof error });
      answer(response, 500);
    }
  });
  // A peer that opens a connection and sends nothing, or a header a byte at a time, is cut.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Node hands CONNECT to a 'connect' listener and, without one, drops the socket unanswered.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  csp = buildContentSecurityPolicy({ connectSrc: [`ws://${host}:${port}`] });
  options.logger.info('harness.listening', { port });
  return {
    server,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
