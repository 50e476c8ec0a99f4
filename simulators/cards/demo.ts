import { createTestPki, type TestPki } from '../pki';
import { VirtualCps3, type CpsHolderData } from './cps3';
import { VirtualVitale2, type VitaleBeneficiaryData } from './vitale2';

/**
 * Training-mode cards. People come from the public test data: the INSi test responses
 * (shared/vectors/insi-responses: CORSE, HERMANN, ECETINSI) and the INS-C sample (a lunar
 * birth date, 19380300); the practitioner is the one of the official VIHF sample.
 */
export const DEMO_FAMILY: readonly VitaleBeneficiaryData[] = [
  { lastName: 'CORSE', firstName: 'ANTHONY', birthDate: '19800302', nir: '180032B02040123' },
  { lastName: 'HERMANN', firstName: 'GATIEN', birthDate: '19810324', nir: '181036322045660' },
  { lastName: 'ECETINSI', firstName: 'PIERRE-ALAIN', birthDate: '20090714', nir: '109076322083489' },
  { lastName: 'LUNAIRE', firstName: 'FRANCK', birthDate: '19380300', nir: '138039010402728' },
];

export const DEMO_PRACTITIONER: CpsHolderData = {
  nationalId: '899900038839',
  lastName: 'TRAL',
  firstName: 'ADEMIS',
  profession: '10',
  specialty: 'SM26',
};

export async function createDemoCards(
  options: { pki?: TestPki; seedDir?: string } = {},
): Promise<{ vitale: VirtualVitale2; cps: VirtualCps3; pki: TestPki }> {
  const pki = options.pki ?? (await createTestPki(options.seedDir === undefined ? {} : { seedDir: options.seedDir }));
  const { auth, sign } = await pki.issueCps(DEMO_PRACTITIONER);
  return {
    vitale: new VirtualVitale2({ beneficiaries: DEMO_FAMILY }),
    cps: new VirtualCps3({ holder: DEMO_PRACTITIONER, auth, sign }),
    pki,
  };
}
