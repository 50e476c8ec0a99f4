import { clientPki } from '../../../unit/dmp/client/pki';

/** Run in a child process: the jsdom test realm breaks WebCrypto key import, so PEMs are made in plain Node. */
const material = await clientPki();
process.stdout.write(
  JSON.stringify({
    caCertPem: material.pki.caCertPem,
    cps: material.cps,
    establishment: material.establishment,
    server: material.server,
  }),
);
