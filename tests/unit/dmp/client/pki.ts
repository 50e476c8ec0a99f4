import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../../simulators/pki';

/** Test practitioner and establishment credentials; keys cached across runs because RSA generation is slow. */
export interface ClientPki {
  readonly pki: TestPki;
  readonly cps: { readonly auth: IssuedCredential; readonly sign: IssuedCredential };
  readonly establishment: IssuedCredential;
  readonly server: IssuedCredential;
}

export const PRACTITIONER = {
  nationalId: '899700000101',
  lastName: 'LIBRE',
  firstName: 'MAX',
  profession: '10',
  specialty: 'SM26',
} as const;

export async function clientPki(): Promise<ClientPki> {
  const pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-client') });
  return {
    pki,
    cps: await pki.issueCps(PRACTITIONER),
    establishment: await pki.issueEstablishment({ finess: '499900063480001', name: 'CABINET DR LIBRE' }),
    server: await pki.issueServer(['localhost']),
  };
}
