import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { DEFAULT_IDENTITIES, type SimPerson } from './identities';
import { fault } from './messages';
import { handleInsiRequest, type InsiExchange } from './service';

export { DEFAULT_IDENTITIES, OID_NIA, OID_NIR, OID_NIR_TEST, type SimIns, type SimPerson } from './identities';

export interface InsiSimulatorTls {
  /** Server certificate and key (from the test PKI). */
  readonly certPem: string;
  readonly keyPem: string;
  /** CA whose client certificates are accepted (CPS or establishment). */
  readonly caPem: string;
}

/** Failures to inject, for clients' error paths and training ("service down"). */
export interface InsiFaults {
  /** Delay before answering. */
  readonly latencyMs?: number;
  /** Answer a SOAP fault with this siram code (e.g. `DESIR_500`). */
  readonly soapFault?: string;
  /** Answer HTTP 500 with a non-SOAP body. */
  readonly http500?: boolean;
  /** Close the connection without answering. */
  readonly drop?: boolean;
  /** Answer this body verbatim (hostile or malformed XML for client tests). */
  readonly rawResponse?: string;
}

export interface InsiSimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  readonly tls: InsiSimulatorTls;
  readonly identities?: readonly SimPerson[];
  readonly faults?: InsiFaults;
  /**
   * Behave like the mTLS endpoint for organisations: the client certificate's CN must be
   * `INSI-AUTO` or `INSI-MANU`, otherwise the fault DESIR_560. Off by default (CPS callers).
   */
  readonly requireInsiCommonName?: boolean;
}

export interface ReceivedRequest {
  readonly action: string | undefined;
  readonly body: string;
  /** Subject CN of the client certificate that called. */
  readonly clientCn: string | undefined;
}

export interface InsiSimulator {
  readonly url: string;
  /** Requests received, oldest first (tests check what clients actually send). */
  readonly received: readonly ReceivedRequest[];
  setFaults(faults: InsiFaults): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 512 * 1024;

/** Injected answers first, then the certificate rule, then the real service. */
function answer(faults: InsiFaults, cnAllowed: boolean, serve: () => InsiExchange): InsiExchange {
  if (faults.rawResponse !== undefined) return { status: 200, body: faults.rawResponse };
  if (faults.soapFault !== undefined) {
    return { status: 500, body: fault({ code: 'Receiver', siramCode: faults.soapFault, text: 'Erreur technique' }) };
  }
  if (!cnAllowed)
    return { status: 400, body: fault({ code: 'Sender', siramCode: 'DESIR_560', text: 'Certificat refuse' }) };
  return serve();
}

/** INSi over HTTPS with mandatory client certificates, on loopback by default. */
export async function startInsiSimulator(options: InsiSimulatorOptions): Promise<InsiSimulator> {
  const base = options.identities ?? DEFAULT_IDENTITIES;
  let faults: InsiFaults = options.faults ?? {};
  const received: ReceivedRequest[] = [];

  const server: Server = createServer(
    {
      cert: options.tls.certPem,
      key: options.tls.keyPem,
      ca: options.tls.caPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REQUEST_BYTES) {
          res.writeHead(413).end();
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('error', () => req.destroy());
      // Our bug on one request is a 500 fault for that request, never a crashed simulator.
      const guarded = (run: () => void): void => {
        try {
          run();
        } catch {
          if (res.headersSent || res.destroyed) return;
          res
            .writeHead(500, { 'Content-Type': 'application/soap+xml; charset=utf-8' })
            .end(fault({ code: 'Receiver', siramCode: 'DESIR_500', text: 'Erreur technique' }));
        }
      };
      req.on('end', () => guarded(() => serveRequest(Buffer.concat(chunks).toString('utf8'))));
      const serveRequest = (body: string): void => {
        const action = /action="([^"]*)"/.exec(String(req.headers['content-type'] ?? ''))?.[1];
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        const cn = peer.subject?.CN;
        const clientCn = Array.isArray(cn) ? cn.join(',') : cn;
        received.push({ action, body, clientCn });
        const current = faults;
        const cnAllowed =
          options.requireInsiCommonName !== true || clientCn === 'INSI-AUTO' || clientCn === 'INSI-MANU';
        const reply = (): void => {
          if (current.drop === true) {
            req.socket.destroy();
            return;
          }
          if (current.http500 === true) {
            res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>Erreur interne</body></html>');
            return;
          }
          const exchange = answer(current, cnAllowed, () => handleInsiRequest(body, base));
          res.writeHead(exchange.status, { 'Content-Type': 'application/soap+xml; charset=utf-8' }).end(exchange.body);
        };
        if (current.latencyMs !== undefined && current.latencyMs > 0)
          setTimeout(() => guarded(reply), current.latencyMs);
        else reply();
      };
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}/lps`,
    received,
    setFaults(next) {
      faults = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
