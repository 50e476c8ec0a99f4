import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachWebSocketTransport, type WebSocketTransport } from '../../../main/ipc/websocket-transport';
import type { Services } from '../../../main/services';
import { createTestServices } from '../../support/test-services';
import { WS_CLOSE_PROTOCOL, WS_CLOSE_UNAUTHORIZED } from '../../../shared/api/wire';
import { memoryLogger } from '../../support/memory-logger';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  origin: string;
  wsUrl: string;
  transport: WebSocketTransport;
  services: Services;
  logText: () => string;
}

async function start(
  options: {
    helloTimeoutMs?: number;
    maxPayloadBytes?: number;
    preAuthMaxBytes?: number;
    tokenTtlMs?: number;
    maxPendingSockets?: number;
    now?: () => number;
  } = {},
): Promise<Harness> {
  const log = memoryLogger();
  const services = createTestServices(await tempDir(), { logger: log.logger });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const transport = attachWebSocketTransport({
    router: services.router,
    server,
    allowedOrigins: [origin],
    logger: log.logger,
    ...options,
  });
  cleanups.push(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.dispose();
  });
  return { origin, wsUrl: `ws://127.0.0.1:${port}/ws`, transport, services, logText: log.text };
}

/** A small client speaking the wire protocol, collecting every frame. */
function connect(h: Harness, origin = h.origin) {
  const socket = new WebSocket(h.wsUrl, { origin });
  const frames: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve());
    socket.on('error', reject);
  });
  const next = async (predicate: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    for (;;) {
      const found = frames.find(predicate);
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { socket, frames, closed, opened, next, send: (frame: unknown) => socket.send(JSON.stringify(frame)) };
}

async function session(h: Harness) {
  const client = connect(h);
  await client.opened;
  client.send({ type: 'hello', token: h.transport.issueToken() });
  await client.next((f) => f['type'] === 'welcome');
  return client;
}

describe('websocket transport', () => {
  it('serves contract calls after a valid one-time token', async () => {
    const h = await start();
    const client = await session(h);
    client.send({ type: 'call', id: 7, channel: 'app.info', request: {} });
    const result = await client.next((f) => f['id'] === 7);
    expect(result).toMatchObject({
      type: 'result',
      result: { ok: true, value: { transport: 'websocket', mode: 'training' } },
    });
  });

  it('accepts a token once only', async () => {
    const h = await start();
    const token = h.transport.issueToken();
    const first = connect(h);
    await first.opened;
    first.send({ type: 'hello', token });
    await first.next((f) => f['type'] === 'welcome');
    const second = connect(h);
    await second.opened;
    second.send({ type: 'hello', token });
    expect((await second.closed).code).toBe(WS_CLOSE_UNAUTHORIZED);
  });

  it('refuses a wrong token, and a call before hello', async () => {
    const h = await start();
    h.transport.issueToken();
    const wrong = connect(h);
    await wrong.opened;
    wrong.send({ type: 'hello', token: 'x'.repeat(43) });
    expect((await wrong.closed).code).toBe(WS_CLOSE_UNAUTHORIZED);
    const eager = connect(h);
    await eager.opened;
    eager.send({ type: 'call', id: 1, channel: 'settings.get', request: {} });
    expect((await eager.closed).code).toBe(WS_CLOSE_UNAUTHORIZED);
    expect(eager.frames).toEqual([]);
  });

  it('refuses a page from another origin at the handshake', async () => {
    const h = await start();
    const foreign = connect(h, 'http://evil.example');
    await expect(foreign.opened).rejects.toThrow(/401/);
    expect(h.logText()).toContain('ws.refused');
  });

  it('closes a silent connection after the hello timeout', async () => {
    const h = await start({ helloTimeoutMs: 100 });
    const idle = connect(h);
    await idle.opened;
    expect((await idle.closed).code).toBe(WS_CLOSE_UNAUTHORIZED);
  });

  it('closes on a malformed or binary frame', async () => {
    const h = await start();
    const garbage = await session(h);
    garbage.socket.send('{not json');
    expect((await garbage.closed).code).toBe(WS_CLOSE_PROTOCOL);
    const binary = await session(h);
    binary.socket.send(Buffer.from([1, 2, 3]));
    expect((await binary.closed).code).toBe(WS_CLOSE_PROTOCOL);
  });

  it('refuses frames above the payload limit', async () => {
    const h = await start({ maxPayloadBytes: 1024 });
    const client = await session(h);
    client.send({ type: 'call', id: 1, channel: 'settings.update', request: { language: 'x'.repeat(5000) } });
    expect((await client.closed).code).toBe(1009);
  });

  it('returns contract errors as results, not as closed sockets', async () => {
    const h = await start();
    const client = await session(h);
    client.send({ type: 'call', id: 1, channel: 'settings.update', request: { language: 'de' } });
    client.send({ type: 'call', id: 2, channel: 'shell.exec', request: {} });
    expect(await client.next((f) => f['id'] === 1)).toMatchObject({
      result: { ok: false, error: { code: 'IPC_INVALID_REQUEST' } },
    });
    expect(await client.next((f) => f['id'] === 2)).toMatchObject({
      result: { ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } },
    });
  });

  it('pushes main events to every open session', async () => {
    const h = await start();
    const a = await session(h);
    const b = await session(h);
    a.send({ type: 'call', id: 1, channel: 'settings.update', request: { language: 'en' } });
    const expected = { type: 'event', event: 'settings.changed', payload: { language: 'en', textSize: 'normal' } };
    const isSettingsEvent = (f: Record<string, unknown>): boolean => f['event'] === 'settings.changed';
    expect(await a.next(isSettingsEvent)).toEqual(expected);
    expect(await b.next(isSettingsEvent)).toEqual(expected);
    b.socket.close();
    await b.closed;
    expect(h.transport.connectionCount).toBe(1);
  });

  describe('before authentication', () => {
    it('cuts a socket that sends more than the pre-authentication budget, valid token or not, then serves others', async () => {
      const h = await start({ preAuthMaxBytes: 1024 });
      const token = h.transport.issueToken();
      const greedy = connect(h);
      await greedy.opened;
      // A hello carrying the valid token, padded past the budget: refused before any JSON.parse.
      greedy.socket.send(JSON.stringify({ type: 'hello', token, padding: 'x'.repeat(64 * 1024) }));
      expect((await greedy.closed).code).toBe(1006);
      expect(greedy.frames).toEqual([]);
      expect(h.logText()).toContain('pre_auth_budget');
      const next = await session(h);
      next.send({ type: 'call', id: 1, channel: 'app.info', request: {} });
      expect(await next.next((f) => f['id'] === 1)).toMatchObject({ result: { ok: true } });
    });

    it('cuts a 30 MiB frame as its first bytes arrive, though the payload limit would allow it', async () => {
      const h = await start({ maxPayloadBytes: 64 * 1024 * 1024 });
      const greedy = connect(h);
      await greedy.opened;
      greedy.socket.send('x'.repeat(30 * 1024 * 1024));
      expect((await greedy.closed).code).toBe(1006);
      expect(h.logText()).toContain('pre_auth_budget');
      expect(h.transport.connectionCount).toBe(0);
      await session(h);
    });

    it('refuses a token past its lifetime, and accepts a fresh one', async () => {
      let time = 1_000_000;
      const h = await start({ tokenTtlMs: 60_000, now: () => time });
      const stale = h.transport.issueToken();
      time += 60_001;
      const late = connect(h);
      await late.opened;
      late.send({ type: 'hello', token: stale });
      expect((await late.closed).code).toBe(WS_CLOSE_UNAUTHORIZED);
      expect(late.frames).toEqual([]);
      const fresh = h.transport.issueToken();
      time += 59_999;
      const inTime = connect(h);
      await inTime.opened;
      inTime.send({ type: 'hello', token: fresh });
      expect(await inTime.next((f) => f['type'] === 'welcome')).toEqual({ type: 'welcome' });
    });

    it('keeps only the newest unused tokens', async () => {
      const h = await start();
      const oldest = h.transport.issueToken();
      for (let i = 0; i < 40; i += 1) h.transport.issueToken();
      const client = connect(h);
      await client.opened;
      client.send({ type: 'hello', token: oldest });
      expect((await client.closed).code).toBe(WS_CLOSE_UNAUTHORIZED);
    });

    it('refuses sockets beyond the pending cap until one of them leaves', async () => {
      const h = await start({ maxPendingSockets: 2 });
      const idle = [connect(h), connect(h)];
      await Promise.all(idle.map((c) => c.opened));
      const third = connect(h);
      await third.opened.catch(() => undefined);
      expect((await third.closed).code).toBe(1006);
      expect(h.logText()).toContain('pending_sockets');
      idle[0]?.socket.close();
      await idle[0]?.closed;
      const client = await session(h);
      expect(client.frames).toContainEqual({ type: 'welcome' });
    });

    it('refuses a handshake whose Host is not the harness (DNS rebinding)', async () => {
      const h = await start();
      const rebound = new WebSocket(h.wsUrl, { origin: h.origin, headers: { host: 'evil.example:80' } });
      await expect(
        new Promise((resolve, reject) => {
          rebound.on('open', resolve);
          rebound.on('error', reject);
        }),
      ).rejects.toThrow(/401/);
      await session(h);
    });
  });
});
