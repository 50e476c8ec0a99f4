import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedHost, requestPath, startStaticServer, type StaticServer } from '../../../main/harness/static-server';
import { memoryLogger } from '../../support/memory-logger';
import { rawHttp } from '../../support/raw-http';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const servers: StaticServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start() {
  const root = await tempDir();
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>desk</title>');
  const log = memoryLogger();
  const server = await startStaticServer({ rootDir: root, logger: log.logger });
  servers.push(server);
  const port = Number(new URL(server.origin).port);
  const get = (target: string, host = `127.0.0.1:${port}`, method = 'GET') =>
    rawHttp(port, `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  return { port, get, log };
}

describe('requestPath', () => {
  it.each([
    ['/', '/'],
    ['//', '//'],
    ['/index.html?x=1#y', '/index.html'],
    ['/a#b?c', '/a'],
  ])('%s -> %s', (target, path) => expect(requestPath(target)).toBe(path));

  it.each([undefined, '', '*', 'http://evil.example/', 'index.html'])('refuses %s', (target) =>
    expect(requestPath(target)).toBeUndefined(),
  );
});

describe('isAllowedHost', () => {
  it('accepts the harness address and port only', () => {
    expect(isAllowedHost('127.0.0.1:5173', 5173)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5173', 5173)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5174', 5173)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 5173)).toBe(false);
    expect(isAllowedHost('evil.example:5173', 5173)).toBe(false);
    expect(isAllowedHost(undefined, 5173)).toBe(false);
  });
});

describe('harness static server under malformed requests', () => {
  it('answers GET // with an error and keeps serving', async () => {
    const { get } = await start();
    expect(await get('//')).toBe(404);
    expect(await get('//evil.example/x')).toBe(404);
    expect(await get('/')).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) with 421 and logs it, then serves the right one', async () => {
    const { get, log, port } = await start();
    expect(await get('/', `evil.example:${port}`)).toBe(421);
    expect(await rawHttp(port, 'GET / HTTP/1.0\r\n\r\n')).toBe(421);
    expect(log.text()).toContain('harness.refused');
    expect(await get('/index.html')).toBe(200);
  });

  it.each([
    ['an absolute-form target', 'http://127.0.0.1/index.html', 400],
    ['an asterisk target', '*', 400],
    ['a broken percent escape', '/%E0%A4%A', 404],
    ['a NUL byte', '/%00index.html', 404],
    ['a traversal', '/../../etc/passwd', 404],
  ])('answers %s with %i, then serves', async (_label, target, status) => {
    const { get } = await start();
    expect(await get(target)).toBe(status);
    expect(await get('/')).toBe(200);
  });

  it('answers a method other than GET or HEAD with 405, CONNECT included', async () => {
    const { get } = await start();
    expect(await get('/', undefined, 'POST')).toBe(405);
    expect(await get('127.0.0.1:22', undefined, 'CONNECT')).toBe(405);
    expect(await get('/', undefined, 'CONNECT')).toBe(405);
    expect(await get('/', undefined, 'HEAD')).toBe(200);
  });

  it('answers garbage that is no HTTP with 400, then serves', async () => {
    const { port, get } = await start();
    expect(await rawHttp(port, '\u0000\u0001 garbage\r\n\r\n')).toBe(400);
    expect(await rawHttp(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX: ${'a'.repeat(100_000)}\r\n\r\n`)).toBe(
      431,
    );
    expect(await get('/')).toBe(200);
  });
});
