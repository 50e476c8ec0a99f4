import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { dispatch, type DispatchOptions } from './dispatch';
import { DMP_CODES } from './fault-codes';
import { afterCommitFault, DMP_SERVICES, faultFor, type DmpFaults, type DmpService } from './faults';
import { buildMtom, contentTypeParameters, MtomError, parseMtom } from './mtom';
import { SoapFault, soapFault } from './soap';

export const SERVICES_PATH = '/si-dmp-server/v2/services';

export interface ServerConfig {
  readonly tls: { readonly certPem: string; readonly keyPem: string; readonly caPem: string };
  readonly faults: () => DmpFaults;
  readonly dispatchOptions: () => Omit<DispatchOptions, 'maxBodyBytes' | 'attachments'>;
  readonly maxBodyBytes: number;
  /** Cap of an MTOM upload (ITI-41 carries documents: larger than a plain SOAP request). */
  readonly maxMtomBytes: number;
  readonly onRequest?: (event: { service: string; status: number; faultCode?: string }) => void;
}

const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';

function serviceOf(url: string | undefined): DmpService | undefined {
  const path = (url ?? '').split('?')[0] ?? '';
  if (!path.startsWith(`${SERVICES_PATH}/`)) return undefined;
  const name = path.slice(SERVICES_PATH.length + 1);
  return (DMP_SERVICES as readonly string[]).includes(name) ? (name as DmpService) : undefined;
}

/** HTTPS with mandatory client certificates from the test CA, TLS 1.2 or later (dmp-interface.md §1). */
export function createDmpServer(config: ServerConfig): Server {
  return createServer(
    {
      cert: config.tls.certPem,
      key: config.tls.keyPem,
      ca: config.tls.caPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      // Whatever goes wrong costs this exchange only, never the server: a client that aborted
      // mid-upload is dropped, anything else (our bug) is answered as a Receiver fault.
      handle(req, res, config).catch(() => {
        if (res.headersSent || res.destroyed) {
          res.destroy();
          return;
        }
        const fault = new SoapFault(DMP_CODES.internalError, 'Internal error', 'Receiver');
        const body = soapFault(fault, undefined);
        res.writeHead(500, { 'content-type': SOAP_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    },
  );
}

async function handle(req: IncomingMessage, res: ServerResponse, config: ServerConfig): Promise<void> {
  const service = serviceOf(req.url);
  const answer = (status: number, body: string | Buffer, faultCode?: string, contentType = SOAP_CONTENT_TYPE): void => {
    config.onRequest?.({ service: service ?? 'none', status, ...(faultCode === undefined ? {} : { faultCode }) });
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (service === undefined) {
    res.writeHead(404).end();
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const contentType = String(req.headers['content-type'] ?? '');
  const mtom = isMtom(contentType) && service === 'repository';
  if (!mtom && !contentType.toLowerCase().startsWith('application/soap+xml')) {
    // SOAP 1.2 over HTTP: text/xml would be SOAP 1.1; MTOM (multipart/related) only carries ITI-41.
    const fault = new SoapFault(DMP_CODES.invalidRequest, 'Content-Type must be application/soap+xml');
    discardRest(req, config.maxBodyBytes);
    answer(415, soapFault(fault, undefined), fault.code);
    return;
  }
  const raw = await readBody(req, mtom ? config.maxMtomBytes : config.maxBodyBytes);
  if (raw === undefined) {
    answer(
      413,
      soapFault(new SoapFault(DMP_CODES.requestTooLarge, 'Request too large'), undefined),
      DMP_CODES.requestTooLarge,
    );
    // Stop reading the rest of an oversized upload.
    res.on('finish', () => req.destroy());
    return;
  }

  let body: string;
  let attachments: ReadonlyMap<string, Buffer> = new Map();
  try {
    if (mtom) {
      const message = parseMtom(contentType, raw, {
        maxParts: MAX_MTOM_PARTS,
        maxPartBytes: config.maxMtomBytes,
        maxEnvelopeBytes: config.maxBodyBytes,
      });
      body = message.envelope;
      attachments = message.attachments;
    } else {
      body = raw.toString('utf8');
    }
  } catch (error) {
    if (!(error instanceof MtomError)) throw error;
    const fault = new SoapFault(DMP_CODES.invalidRequest, `Malformed MTOM message (${error.reason})`);
    answer(400, soapFault(fault, undefined), fault.code);
    return;
  }

  const rule = faultFor(config.faults(), service);
  if (rule?.latencyMs !== undefined && rule.latencyMs > 0) await delay(rule.latencyMs);
  if (rule?.timeout === true) return; // hold the socket: the client's own timeout must fire
  if (rule?.drop === true) {
    req.socket.destroy();
    return;
  }
  if (rule?.http500 === true) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    return;
  }
  if (rule?.soapFault !== undefined) {
    const fault = new SoapFault(rule.soapFault, 'Injected fault', 'Receiver');
    answer(500, soapFault(fault, undefined), rule.soapFault);
    return;
  }
  const peer = (req.socket as TLSSocket).getPeerCertificate();
  const result = dispatch(service, body, {
    ...config.dispatchOptions(),
    maxBodyBytes: config.maxBodyBytes,
    attachments,
    ...(peer.raw === undefined ? {} : { tlsClientCertDer: new Uint8Array(peer.raw) }),
  });
  // The transaction has committed by now: losing its answer leaves the client unsure it took effect.
  const lost = afterCommitFault(rule, result);
  if (lost === 'drop') {
    req.socket.destroy();
    return;
  }
  if (lost === 'http500') {
    const fault = new SoapFault(DMP_CODES.internalError, 'Injected fault after commit', 'Receiver');
    answer(500, soapFault(fault, undefined), fault.code);
    return;
  }
  if (result.attachments !== undefined && result.attachments.length > 0) {
    const multipart = buildMtom(result.body, result.attachments);
    answer(result.status, multipart.body, result.faultCode, multipart.contentType);
    return;
  }
  answer(result.status, result.body, result.faultCode);
}

const MAX_MTOM_PARTS = 64;

function isMtom(contentType: string): boolean {
  const { type, params } = contentTypeParameters(contentType);
  return type === 'multipart/related' && (params.get('type') ?? '').toLowerCase() === 'application/xop+xml';
}

/** The body, or undefined once it exceeds the cap (checked while streaming, not after). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * Lets the client finish sending so it can read the refusal (cutting the socket mid-upload shows up
 * as EPIPE, not as the answer), but only up to a bound: past it the connection is cut.
 */
function discardRest(req: IncomingMessage, maxBytes: number): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_FACTOR * maxBytes) req.destroy();
  });
  req.resume();
}

const DISCARD_FACTOR = 8;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
