import { randomUUID, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { sha512Base64 } from '../../main/update/release-signature';
import { signReleaseFolder } from '../../scripts/sign-release';

/**
 * One release folder as electron-builder publishes it for Linux (`latest-linux.yml` or
 * `beta-linux.yml` + the AppImage), signed by scripts/sign-release.ts with `key`.
 * Returns the installer's file name.
 */
export async function publishRelease(
  dir: string,
  options: { version: string; key: KeyObject; channel?: 'latest' | 'beta'; stagingPercentage?: number },
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const installer = `DMP-Desk-${options.version}.AppImage`;
  const bytes = Buffer.from(`ELF installer of DMP Desk ${options.version} ${randomUUID()}`);
  await writeFile(join(dir, installer), bytes);
  const sha512 = sha512Base64(bytes);
  const yml = [
    `version: ${options.version}`,
    'files:',
    `  - url: ${installer}`,
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    `path: ${installer}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    ...(options.stagingPercentage === undefined ? [] : [`stagingPercentage: ${options.stagingPercentage}`]),
    '',
  ].join('\n');
  await writeFile(join(dir, `${options.channel ?? 'latest'}-linux.yml`), yml);
  signReleaseFolder(dir, options.key);
  return installer;
}

export interface UpdateServer {
  /** The generic provider's folder URL. */
  readonly url: string;
  close(): Promise<void>;
}

/** Generic update servers (static files of a folder under /dmp-desk/ on 127.0.0.1, any port), closed after each test. */
export function useUpdateServers(): (dir: string) => Promise<UpdateServer> {
  const servers: Server[] = [];
  const close = (server: Server): Promise<void> =>
    new Promise((done) => (server.listening ? server.close(() => done()) : done()));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });
  return async (dir) => {
    const server = createServer((request, response) => {
      const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/dmp-desk\//, ''));
      if (name.includes('/') || name.includes('..')) return void response.writeHead(404).end();
      readFile(join(dir, name)).then(
        (body) => response.writeHead(200).end(body),
        () => response.writeHead(404).end(),
      );
    });
    servers.push(server);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dmp-desk`, close: () => close(server) };
  };
}
