import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startStaticServer, type StaticServer } from '../../main/harness/static-server';
import { attachWebSocketTransport, type WebSocketTransport } from '../../main/ipc/websocket-transport';
import type { Services } from '../../main/services';
import { listChannels } from '../../shared/api';
import { memoryLogger } from '../support/memory-logger';
import { rawHttp } from '../support/raw-http';
import { createTestServices } from '../support/test-services';
import { useTempDir } from '../support/temp-dir';
import { fuzz, int, mutateText, pick, type Random } from './support/fuzz';

const tempDir = useTempDir();
const CHANNELS = listChannels().map((ref) => ref.channel);
const CASE_TIMEOUT_MS = 3_000;

/** A random JSON value: what a hostile page could put in a request. */
function randomValue(random: Random, depth = 0): unknown {
  const choice = random();
  if (depth > 3 || choice < 0.2) return pick(random, ['', 'fr', 'x'.repeat(int(random, 300)), '../../etc', '\u0000']);
  if (choice < 0.35) return pick(random, [0, -1, 1e308, 0.5, Number.MAX_SAFE_INTEGER]);
  if (choice < 0.45) return pick(random, [true, false, null]);
  if (choice < 0.6) return Array.from({ length: int(random, 5) }, () => randomValue(random, depth + 1));
  const keys = ['language', 'textSize', 'patientId', 'documentId', 'pin', 'ins', 'query', '__proto__', 'constructor'];
  return Object.fromEntries(
    Array.from({ length: int(random, 5) }, () => [pick(random, keys), randomValue(random, depth + 1)]),
  );
}

interface Session {
  readonly socket: WebSocket;
  readonly frames: Record<string, unknown>[];
  closed: number | undefined;
  wake: () => void;
}

describe('browser harness under fuzzing', () => {
  let services: Services;
  let server: StaticServer;
  let transport: WebSocketTransport;
  let port: number;
  let current: Session | undefined;
  let cleanupRoot: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    // Not a per-test temp dir: the page must outlive the first test.
    const root = await mkdtemp(join(tmpdir(), 'dmp-desk-fuzz-'));
    cleanupRoot = () => rm(root, { recursive: true, force: true });
    await writeFile(`${root}/index.html`, '<!doctype html><title>desk</title>');
    const log = memoryLogger();
    services = createTestServices(await tempDir(), { logger: log.logger });
    server = await startStaticServer({ rootDir: root, logger: log.logger });
    port = Number(new URL(server.origin).port);
    transport = attachWebSocketTransport({
      router: services.router,
      server: server.server,
      allowedOrigins: [server.origin],
      logger: log.logger,
    });
  });
  afterAll(async () => {
    current?.socket.terminate();
    await transport.close();
    await server.close();
    await services.dispose();
    await cleanupRoot();
  });

  function open(hello: boolean): Promise<Session> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: server.origin });
    const session: Session = { socket, frames: [], closed: undefined, wake: () => undefined };
    socket.on('message', (data: Buffer) => {
      session.frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
      session.wake();
    });
    socket.on('close', (code) => {
      session.closed = code;
      session.wake();
    });
    socket.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      socket.on('open', () => {
        if (!hello) {
          resolve(session);
          return;
        }
        socket.send(JSON.stringify({ type: 'hello', token: transport.issueToken() }));
        void until(session, () => session.frames.some((f) => f['type'] === 'welcome')).then(
          () => resolve(session),
          reject,
        );
      });
      socket.on('error', reject);
    });
  }

  /** Waits for a condition on a session's frames or close; a hang past the case timeout fails. */
  async function until(session: Session, done: () => boolean): Promise<void> {
    const deadline = Date.now() + CASE_TIMEOUT_MS;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('no answer and no close within the case timeout');
      await new Promise<void>((resolve) => {
        session.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  async function authenticated(): Promise<Session> {
    if (current === undefined || current.closed !== undefined) current = await open(true);
    return current;
  }

  /** One hostile frame: a call with a random channel and request, or a mutated call's text. */
  async function websocketCase(random: Random, index: number): Promise<string> {
    if (random() < 0.15) {
      // Before authentication: anything but a valid hello closes the socket.
      const session = await open(false);
      const text =
        random() < 0.5
          ? mutateText(JSON.stringify({ type: 'hello', token: 'x'.repeat(43) }), random)
          : 'y'.repeat(int(random, 20_000));
      session.socket.send(random() < 0.2 ? Buffer.from(text) : text);
      await until(session, () => session.closed !== undefined).catch((error: unknown) => {
        throw new Error(`pre-auth frame ${JSON.stringify(text.slice(0, 200))} (${text.length})`, { cause: error });
      });
      return `pre-auth closed ${session.closed}`;
    }
    const session = await authenticated();
    const id = 1_000_000 + index;
    const call = { type: 'call', id, channel: pick(random, CHANNELS), request: randomValue(random) };
    const mutated = random() < 0.3;
    const text = mutated ? mutateText(JSON.stringify(call), random) : JSON.stringify(call);
    session.socket.send(text);
    // A mutated frame may carry another id: any result answers it.
    const answered = (f: Record<string, unknown>): boolean => f['type'] === 'result' && (mutated || f['id'] === id);
    await until(session, () => session.closed !== undefined || session.frames.some(answered)).catch(
      (error: unknown) => {
        throw new Error(`call ${text.slice(0, 300)}`, { cause: error });
      },
    );
    if (session.closed !== undefined) return `closed ${session.closed}`;
    const result = session.frames.find(answered)?.['result'] as { ok: boolean; error?: { code: string } } | undefined;
    session.frames.length = 0;
    return result?.ok === true ? 'ok' : (result?.error?.code ?? 'no result');
  }

  it('answers hostile frames with results or a closed socket, and keeps serving', async (context) => {
    const summary = await fuzz(context, { boundary: 'websocket router', budgetMs: 4_000, run: websocketCase });
    expect(summary.outcomes['INTERNAL_ERROR'] ?? 0).toBe(0);
    const session = await open(true);
    session.socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'app.info', request: {} }));
    await until(session, () => session.frames.some((f) => f['id'] === 1));
    expect(session.frames.find((f) => f['id'] === 1)).toMatchObject({ result: { ok: true } });
    session.socket.close();
  });

  const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'G\u00c9T', ''];
  const TARGETS = ['/', '//', '/index.html', '/assets/a.js', '/%', '/%00', '/..%2f..%2fetc', '*', 'http://x/', '/?#'];

  /** One hostile HTTP request, bytes as given; the harness must answer it with a status. */
  async function httpCase(random: Random): Promise<string> {
    const method = pick(random, METHODS);
    const target = random() < 0.5 ? pick(random, TARGETS) : mutateText(pick(random, TARGETS), random);
    const host =
      random() < 0.8 ? `127.0.0.1:${port}` : pick(random, ['evil.example', '', `localhost:${port}`, 'x'.repeat(300)]);
    const headers = Array.from(
      { length: int(random, 4) },
      () =>
        `${pick(random, ['X-A', 'Content-Length', 'Transfer-Encoding', 'Expect', 'Upgrade'])}: ${mutateText('1', random)}`,
    );
    const head = `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`;
    // Blank lines before a request line are legal (RFC 9112 §2.2): the server rightly waits for one.
    const mutated = `${mutateText(head, random).replace(/^[\r\n]+/, '')}\r\n\r\n`;
    const request = random() < 0.2 && mutated !== '\r\n\r\n' ? mutated : head;
    const status = await rawHttp(port, Buffer.from(request, 'latin1'), { timeoutMs: CASE_TIMEOUT_MS }).catch(
      (error: unknown) => {
        throw new Error(`request ${JSON.stringify(request)}`, { cause: error });
      },
    );
    expect(status === 0 || status >= 500, JSON.stringify(request)).toBe(false);
    return String(status);
  }

  it('answers hostile HTTP requests with a status, never a crash, and keeps serving', async (context) => {
    await fuzz(context, { boundary: 'harness HTTP server', budgetMs: 3_000, run: httpCase });
    expect(await rawHttp(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe(200);
  });
});
