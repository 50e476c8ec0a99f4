import { X509Certificate } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEnvelope, postSoap, type TlsCredentials } from '../../../main/soap';
import { NS } from '../../../main/xml';
import { AppError } from '../../../shared/errors';
import { startConnectProxy } from '../../support/connect-proxy';
import { loopbackMaterial, startLoopbackServer, type LoopbackMaterial } from './loopback-https';

const ACTION = 'urn:hl7-org:v3:PRPA_IN201307UV02';
const OK_ENVELOPE = `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><r xmlns="urn:hl7-org:v3">fine</r></s:Body></s:Envelope>`;

let material: LoopbackMaterial;
let tls: TlsCredentials;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  material = await loopbackMaterial();
  tls = { certPem: material.client.certPem, keyPem: material.client.keyPem, caPem: material.pki.caCertPem };
});

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

const call = (url: string, proxy: string, timeoutMs?: number) =>
  postSoap({
    url,
    action: ACTION,
    body: buildEnvelope({ action: ACTION, to: url, body: '<q/>' }),
    tls,
    proxy: { url: proxy },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });

async function failure(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a failure');
}

async function serveOk(onPeer?: (fingerprint: string) => void) {
  const server = await startLoopbackServer(material, (req, _body, res) => {
    onPeer?.((req.socket as TLSSocket).getPeerCertificate().fingerprint256);
    res.writeHead(200, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(OK_ENVELOPE);
  });
  cleanups.push(server.close);
  return server;
}

describe('postSoap through an HTTPS proxy (CONNECT)', () => {
  it('tunnels each call through the proxy, with mutual TLS end to end inside the tunnel', async () => {
    const peers: string[] = [];
    const server = await serveOk((cn) => peers.push(cn));
    const proxy = await startConnectProxy();
    cleanups.push(() => proxy.close());

    const first = await call(server.url, proxy.url);
    const second = await call(server.url, proxy.url);

    expect(first.envelope.payload?.textContent).toBe('fine');
    expect(second.status).toBe(200);
    const authority = new URL(server.origin).host;
    // One tunnel per call (a fresh connection per call, as without a proxy), to the service itself.
    expect(proxy.tunnels).toEqual([authority, authority]);
    // The server saw the client certificate: TLS was negotiated with it, not with the proxy.
    const client = new X509Certificate(material.client.certPem).fingerprint256;
    expect(peers).toEqual([client, client]);
  });

  it('still checks the server certificate inside the tunnel', async () => {
    const server = await serveOk();
    const proxy = await startConnectProxy();
    cleanups.push(() => proxy.close());
    // Trusting only an unrelated certificate: the server's chain must not verify.
    const untrusted = { ...tls, caPem: material.client.certPem };
    const outcome = await failure(
      postSoap({
        url: server.url,
        action: ACTION,
        body: buildEnvelope({ action: ACTION, to: server.url, body: '<q/>' }),
        tls: untrusted,
        proxy: { url: proxy.url },
      }),
    );
    expect(outcome.code).toBe('SERVICE_TLS_ERROR');
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('reports a proxy that refuses the tunnel with PROXY_REFUSED and its status', async () => {
    const server = await serveOk();
    for (const status of [407, 403]) {
      const proxy = await startConnectProxy({ refuseWith: status });
      cleanups.push(() => proxy.close());
      expect(await failure(call(server.url, proxy.url))).toEqual({ code: 'PROXY_REFUSED', details: { status } });
      expect(proxy.requests).toHaveLength(1);
      expect(proxy.tunnels).toHaveLength(0);
    }
  });

  it('reports an unreachable proxy with PROXY_UNREACHABLE', async () => {
    const server = await serveOk();
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await failure(call(server.url, `http://127.0.0.1:${port}`))).toEqual({
      code: 'PROXY_UNREACHABLE',
      details: { errno: 'ECONNREFUSED' },
    });
  });

  it('counts a proxy that never answers CONNECT against the call timeout', async () => {
    const server = await serveOk();
    const held: Socket[] = [];
    let closed = 0;
    const silent = createServer((socket) => {
      held.push(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => (closed += 1));
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of held) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as AddressInfo;
    const outcome = await failure(call(server.url, `http://127.0.0.1:${port}`, 300));
    expect(outcome).toEqual({ code: 'SERVICE_TIMEOUT', details: { timeoutMs: 300 } });
    // The stalled CONNECT was abandoned, not left open.
    await expect.poll(() => closed).toBe(held.length);
    expect(held).toHaveLength(1);
  });
});
