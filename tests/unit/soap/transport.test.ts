import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { buildEnvelope, postSoap, type TlsCredentials } from '../../../main/soap';
import { NS } from '../../../main/xml';
import { memoryLogger } from '../../support/memory-logger';
import { loopbackMaterial, startLoopbackServer, type Handler, type LoopbackMaterial } from './loopback-https';

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

async function serve(handler: Handler): Promise<string> {
  const server = await startLoopbackServer(material, handler);
  cleanups.push(server.close);
  return server.url;
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a failure');
}

const call = (url: string, extra: Partial<Parameters<typeof postSoap>[0]> = {}) =>
  postSoap({ url, action: ACTION, body: buildEnvelope({ action: ACTION, to: url, body: '<q/>' }), tls, ...extra });

describe('postSoap over mutual TLS', () => {
  it('sends SOAP 1.2 with the action in the content type, presents the client certificate, parses the answer', async () => {
    let seen: { contentType?: string | undefined; peer?: string | undefined; body?: string; protocol?: string | null } =
      {};
    const url = await serve((req, body, res) => {
      const socket = req.socket as TLSSocket;
      seen = {
        contentType: req.headers['content-type'],
        peer: String(socket.getPeerCertificate().subject?.CN ?? ''),
        body: body.toString('utf8'),
        protocol: socket.getProtocol(),
      };
      res.writeHead(200, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(OK_ENVELOPE);
    });
    const { logger, text } = memoryLogger();
    const response = await call(url, { logger });
    expect(response.status).toBe(200);
    expect(response.envelope.payload?.textContent).toBe('fine');
    expect(seen.contentType).toBe(`application/soap+xml; charset=utf-8; action="${ACTION}"`);
    expect(seen.peer).toBeTruthy();
    expect(seen.body).toContain('<soap:Envelope');
    expect(['TLSv1.2', 'TLSv1.3']).toContain(seen.protocol);
    expect(text()).toContain('"event":"soap.call"');
    expect(text()).not.toContain('<q/>');
  });

  it('turns a SOAP fault (HTTP 500) into SOAP_FAULT with code and subcode only', async () => {
    const url = await serve((_req, _body, res) => {
      res
        .writeHead(500, { 'content-type': 'application/soap+xml' })
        .end(
          `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>DMPInvalidCertificate</s:Value></s:Subcode></s:Code><s:Reason><s:Text>Not a valid signature certificate</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`,
        );
    });
    expect(await failure(call(url))).toEqual({
      code: 'SOAP_FAULT',
      details: { code: 'Sender', subcode: 'DMPInvalidCertificate' },
    });
  });

  it('maps HTTP 5xx without a SOAP fault to SERVICE_HTTP_ERROR (retryable)', async () => {
    const url = await serve((_req, _body, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>down'));
    const error = await failure(call(url));
    expect(error).toEqual({ code: 'SERVICE_HTTP_ERROR', details: { status: 503 } });
  });

  it('maps a redirect or a proxy error page to SERVICE_HTTP_ERROR, not retryable below 500', async () => {
    const url = await serve((_req, _body, res) => res.writeHead(302, { location: 'https://elsewhere/' }).end());
    await expect(call(url)).rejects.toMatchObject({
      code: 'SERVICE_HTTP_ERROR',
      retryable: false,
      details: { status: 302 },
    });
  });

  it('maps a refused connection to SERVICE_UNAVAILABLE', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await failure(call(`https://127.0.0.1:${port}/x`))).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      details: { errno: 'ECONNREFUSED' },
    });
  });

  it('maps a dropped connection to SERVICE_UNAVAILABLE', async () => {
    const url = await serve((req) => req.socket.destroy());
    expect((await failure(call(url))).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('gives up after the timeout with SERVICE_TIMEOUT', async () => {
    const url = await serve(() => undefined);
    expect(await failure(call(url, { timeoutMs: 200 }))).toEqual({
      code: 'SERVICE_TIMEOUT',
      details: { timeoutMs: 200 },
    });
  });

  it('stops reading an oversized answer with XML_TOO_LARGE', async () => {
    const url = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/soap+xml' });
      res.end(`<s:Envelope xmlns:s="${NS.soap12}"><s:Body><r>${'x'.repeat(200_000)}</r></s:Body></s:Envelope>`);
    });
    expect((await failure(call(url, { maxResponseBytes: 50_000 }))).code).toBe('XML_TOO_LARGE');
  });

  it('refuses a hostile answer with XML_HOSTILE', async () => {
    const url = await serve((_req, _body, res) =>
      res
        .writeHead(200, { 'content-type': 'application/soap+xml' })
        .end(`<!DOCTYPE x [<!ENTITY a "aaaa">]><s:Envelope xmlns:s="${NS.soap12}"><s:Body>&a;</s:Body></s:Envelope>`),
    );
    expect((await failure(call(url))).code).toBe('XML_HOSTILE');
  });

  it('refuses a server certificate from another authority with SERVICE_TLS_ERROR', async () => {
    const url = await serve((_req, _body, res) => res.end(OK_ENVELOPE));
    const otherCa = (await material.pki.issueServer(['elsewhere'])).certPem; // not a CA: trusts nothing
    const error = await failure(call(url, { tls: { ...tls, caPem: otherCa } }));
    expect(error.code).toBe('SERVICE_TLS_ERROR');
  });

  it('negotiates one of the allowed suites over TLS 1.2, and refuses a server offering only weak ones', async () => {
    const { createServer } = await import('node:https');
    const start = async (ciphers: string): Promise<string> => {
      const server = createServer(
        {
          key: material.server.keyPem,
          cert: material.server.certPem,
          ca: material.pki.caCertPem,
          requestCert: true,
          maxVersion: 'TLSv1.2',
          ciphers,
        },
        (_req, res) => res.writeHead(200, { 'content-type': 'application/soap+xml' }).end(OK_ENVELOPE),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      );
      return `https://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    };
    await expect(call(await start('ECDHE-RSA-AES256-GCM-SHA384'))).resolves.toMatchObject({ status: 200 });
    expect(await failure(call(await start('AES128-SHA')))).toMatchObject({ code: 'SERVICE_TLS_ERROR' });
  });

  it('refuses plain http before sending anything', async () => {
    expect((await failure(call('http://127.0.0.1:9/x'))).code).toBe('SERVICE_TLS_ERROR');
  });
});
