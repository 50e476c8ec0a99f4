import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import { assetHeaders, buildContentSecurityPolicy, resolveAssetPath } from '../security/policy';

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
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://placeholder').pathname;
    const file = resolveAssetPath(options.rootDir, pathname);
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, assetHeaders(file, csp));
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
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
