import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../simulators/pki';

/** Keys are cached across runs: RSA generation would otherwise dominate these tests. */
export const PKI_SEED_DIR = join(tmpdir(), 'dmp-desk-test-pki-client');

export interface LoopbackMaterial {
  readonly pki: TestPki;
  readonly server: IssuedCredential;
  readonly client: IssuedCredential;
}

export async function loopbackMaterial(): Promise<LoopbackMaterial> {
  const pki = await createTestPki({ seedDir: PKI_SEED_DIR });
  const server = await pki.issueServer(['localhost']);
  const client = (
    await pki.issueCps({ nationalId: '899700000001', lastName: 'TEST', firstName: 'CLIENT', profession: '10' })
  ).auth;
  return { pki, server, client };
}

export type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** A mutual-TLS HTTPS server on 127.0.0.1 whose behaviour each test sets. */
export async function startLoopbackServer(
  material: LoopbackMaterial,
  handler: Handler,
): Promise<{ url: string; origin: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(
    {
      key: material.server.keyPem,
      cert: material.server.certPem,
      ca: material.pki.caCertPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handler(req, Buffer.concat(chunks), res));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/si-dmp-server/v2/services/patients`,
    origin: `https://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
