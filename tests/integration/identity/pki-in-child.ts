import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface InsiTlsFixture {
  readonly caPem: string;
  readonly server: { readonly certPem: string; readonly keyPem: string };
  readonly client: { readonly certPem: string; readonly keyPem: string };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const SCRIPT = `
import { createTestPki } from './simulators/pki/index.ts';
const pki = await createTestPki();
const server = await pki.issueServer(['127.0.0.1']);
const client = await pki.issueEstablishment({ finess: '010000000', name: 'Clinique', commonName: 'INSI-AUTO' });
process.stdout.write(JSON.stringify({
  caPem: pki.caCertPem,
  server: { certPem: server.certPem, keyPem: server.keyPem },
  client: { certPem: client.certPem, keyPem: client.keyPem },
}));
`;

/**
 * The test PKI built in a plain Node process: under jsdom, WebCrypto refuses the DOM realm's
 * typed arrays, so component tests that need real mutual TLS get their keys from here.
 */
export function insiTlsFromChild(): InsiTlsFixture {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out) as InsiTlsFixture;
}
