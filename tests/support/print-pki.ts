import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_DOCTOR } from '../../simulators/national-dmp';
import { createTestPki } from '../../simulators/pki';

/** Run in a child process: the jsdom realm breaks WebCrypto key import, so the PEMs are made in plain Node. */
const pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-documents-wiring') });
const cps = await pki.issueCps({
  nationalId: EXAMPLE_DOCTOR,
  lastName: 'LIBRE',
  firstName: 'MAX',
  profession: '10',
  specialty: 'SM26',
});
const server = await pki.issueServer(['localhost', '127.0.0.1']);
process.stdout.write(JSON.stringify({ caCertPem: pki.caCertPem, cps, server }));
