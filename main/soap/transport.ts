import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { AppError, isAppError } from '../../shared/errors';
import type { ProxyConfig } from '../config/runtime';
import type { Logger } from '../log/logger';
import { decodeSoapResponse, encodeSoap12Request, type EncodedRequest } from './content';
import { faultError, parseEnvelope, type ParsedEnvelope } from './parse';

export interface TlsCredentials {
  /** Client certificate + key (mutual TLS): the authentication key, never the signature one. */
  readonly certPem: string;
  readonly keyPem: string;
  /** Trust anchors for the server certificate. */
  readonly caPem: string;
}

export interface PostSoapOptions {
  readonly url: string;
  readonly action: string;
  /** The envelope (text), or an already-encoded request (e.g. MTOM multipart) for the same transport. */
  readonly body: string | EncodedRequest;
  readonly tls: TlsCredentials;
  /** The clinic's HTTPS proxy: the call goes through a CONNECT tunnel, mutual TLS end to end inside it. */
  readonly proxy?: ProxyConfig;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly logger?: Logger;
}

export interface SoapResponse {
  readonly status: number;
  readonly envelope: ParsedEnvelope;
  /** MTOM parts of the answer by Content-ID (empty for a plain SOAP answer): ITI-43 returns the document there. */
  readonly attachments: ReadonlyMap<string, Buffer>;
}

export const DEFAULT_SOAP_TIMEOUT_MS = 30_000;

/**
 * TLS 1.2 suites the national services allow for LPS (PDT-INF-579); TLS 1.3 keeps OpenSSL's
 * defaults, which are all AEAD. Anything weaker is refused at the handshake.
 */
export const TLS12_CIPHERS = [
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-SHA384',
].join(':');
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** Node's socket/TLS error codes are stable tokens; anything else stays out of details. */
function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,64}$/.test(code) ? code : 'UNKNOWN';
}

function transportError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const errno = errnoOf(error);
  if (UNAVAILABLE_ERRNOS.has(errno)) return new AppError('SERVICE_UNAVAILABLE', { details: { errno }, cause: error });
  if (/^(EPROTO|ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|UNABLE_TO_|SELF_SIGNED|HOSTNAME_|ERR_OSSL)/.test(errno)) {
    return new AppError('SERVICE_TLS_ERROR', { details: { errno }, cause: error });
  }
  return new AppError('SERVICE_UNAVAILABLE', { details: { errno }, cause: error });
}

/**
 * Opens a CONNECT tunnel to `host:port` through the proxy. The proxy sees only the target's name
 * and the encrypted bytes: TLS (with the client certificate) is negotiated with the national
 * service itself, inside the tunnel. A proxy that cannot be reached answers PROXY_UNREACHABLE;
 * one that refuses (407 authentication, 403 policy, 502 upstream) PROXY_REFUSED with its status.
 */
export function openProxyTunnel(proxy: ProxyConfig, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const proxyUrl = new URL(proxy.url);
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      method: 'CONNECT',
      hostname: proxyUrl.hostname,
      port: proxyUrl.port === '' ? 80 : Number(proxyUrl.port),
      path: authority,
      headers: { Host: authority },
      agent: false,
    });
    let settled = false;
    const settle = (error: AppError | undefined, socket?: Socket): void => {
      if (settled) {
        socket?.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (error === undefined && socket !== undefined) resolve(socket);
      else reject(error ?? new AppError('PROXY_REFUSED', { details: { status: 0 } }));
    };
    // A stalled proxy is a timeout like a stalled server: same budget, and nothing left open.
    const timer = setTimeout(() => {
      settle(new AppError('SERVICE_TIMEOUT', { details: { timeoutMs } }));
      req.destroy();
    }, timeoutMs);
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) {
        settle(undefined, socket);
        return;
      }
      socket.destroy();
      settle(new AppError('PROXY_REFUSED', { details: { status: res.statusCode ?? 0 } }));
    });
    // A proxy answering CONNECT with a plain response (no upgrade) is a refusal too.
    req.once('response', (res) => {
      res.resume();
      settle(new AppError('PROXY_REFUSED', { details: { status: res.statusCode ?? 0 } }));
    });
    req.on('error', (error) => settle(new AppError('PROXY_UNREACHABLE', { details: { errno: errnoOf(error) } })));
    req.end();
  });
}

/**
 * One SOAP call over HTTPS with mutual TLS (TLS 1.2 minimum). Resolves with the parsed envelope
 * of a normal answer; rejects with an AppError for everything else: SOAP_FAULT (details code /
 * subcode, for the domain layer to refine), SERVICE_UNAVAILABLE, SERVICE_TIMEOUT,
 * SERVICE_HTTP_ERROR, SERVICE_TLS_ERROR, XML_* for hostile or broken answers.
 */
export async function postSoap(options: PostSoapOptions): Promise<SoapResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SOAP_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const encoded = typeof options.body === 'string' ? encodeSoap12Request(options.body, options.action) : options.body;
  const url = new URL(options.url);
  if (url.protocol !== 'https:') throw new AppError('SERVICE_TLS_ERROR', { details: { reason: 'not_https' } });
  const started = Date.now();
  const port = url.port === '' ? 443 : Number(url.port);
  // One budget for the whole call, tunnel included: a stalled proxy is a timeout like a stalled server.
  const deadline = started + timeoutMs;
  const tunnel =
    options.proxy === undefined ? undefined : await openProxyTunnel(options.proxy, url.hostname, port, timeoutMs);

  const { status, contentType, data } = await new Promise<{ status: number; contentType: string; data: Buffer }>(
    (resolve, reject) => {
      const tlsOptions: ConnectionOptions = {
        cert: options.tls.certPem,
        key: options.tls.keyPem,
        ca: options.tls.caPem,
        minVersion: 'TLSv1.2',
        ciphers: `TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:${TLS12_CIPHERS}`,
        rejectUnauthorized: true,
      };
      const requestOptions: RequestOptions = {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port,
        path: `${url.pathname}${url.search}`,
        headers: { 'Content-Type': encoded.contentType, 'Content-Length': encoded.data.length, Accept: '*/*' },
        ...tlsOptions,
        // A fresh connection per call: the client certificate may change with the card in the reader.
        agent: false,
        ...(tunnel === undefined
          ? {}
          : {
              // TLS with the national service inside the proxy's tunnel, checked against its name.
              createConnection: () =>
                tlsConnect({
                  ...tlsOptions,
                  socket: tunnel,
                  host: url.hostname,
                  ...(isIP(url.hostname) === 0 ? { servername: url.hostname } : {}),
                }),
            }),
      };
      let settled = false;
      const finish = (error: AppError | undefined, value?: { status: number; contentType: string; data: Buffer }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error !== undefined) reject(error);
        else if (value !== undefined) resolve(value);
      };
      const req = httpsRequest(requestOptions, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            finish(new AppError('XML_TOO_LARGE', { details: { maxBytes } }));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            data: Buffer.concat(chunks),
          }),
        );
        res.on('error', (error) => finish(transportError(error)));
        res.on('aborted', () => finish(new AppError('SERVICE_UNAVAILABLE', { details: { errno: 'ECONNRESET' } })));
      });
      const timer = setTimeout(
        () => {
          finish(new AppError('SERVICE_TIMEOUT', { details: { timeoutMs } }));
          req.destroy();
          tunnel?.destroy();
        },
        Math.max(0, deadline - Date.now()),
      );
      req.on('error', (error) => finish(transportError(error)));
      req.end(encoded.data);
    },
  );

  const log = (outcome: string): void =>
    options.logger?.info('soap.call', { action: options.action, status, outcome, ms: Date.now() - started });

  let envelope: ParsedEnvelope;
  let attachments: ReadonlyMap<string, Buffer>;
  try {
    const decoded = decodeSoapResponse(contentType, data);
    attachments = decoded.attachments;
    envelope = parseEnvelope(decoded.envelopeXml, { maxBytes });
  } catch (error) {
    // A non-2xx answer whose body is no envelope (proxy page, redirect) is an HTTP failure, not a
    // protocol one; a hostile body stays reported as hostile whatever the status.
    if ((status < 200 || status >= 300) && !(isAppError(error) && error.code === 'XML_HOSTILE')) {
      log('http_error');
      throw new AppError('SERVICE_HTTP_ERROR', { details: { status }, retryable: status >= 500, cause: error });
    }
    log(isAppError(error) ? error.code : 'invalid');
    throw error;
  }
  if (envelope.fault !== undefined) {
    log('fault');
    throw faultError(envelope.fault);
  }
  if (status < 200 || status >= 300) {
    log('http_error');
    throw new AppError('SERVICE_HTTP_ERROR', { details: { status }, retryable: status >= 500 });
  }
  log('ok');
  return { status, envelope, attachments };
}
