import type { Signer } from '../../main/crypto/signer';
import type { DmpClientConfig } from '../../main/dmp/client';
import { EXAMPLE_DOCTOR, EXAMPLE_STRUCTURE } from '../../simulators/national-dmp';
import type { CpsHolder, IssuedCredential } from '../../simulators/pki';

/** Dr MAX LIBRE, the general practitioner of the official DMP examples, as a test CPS holder. */
export const EXAMPLE_DOCTOR_HOLDER: CpsHolder = {
  nationalId: EXAMPLE_DOCTOR,
  lastName: 'LIBRE',
  firstName: 'MAX',
  profession: '10',
  specialty: 'SM26',
};

/**
 * The DMP client settings of that doctor in direct mode: the CPS authentication key for TLS,
 * the given signer (software key or card) for the VIHF, the practice of the official examples.
 */
export function exampleDoctorConfig(options: {
  readonly baseUrl: string;
  readonly caPem: string;
  readonly auth: IssuedCredential;
  readonly signer: Signer;
}): DmpClientConfig {
  return {
    baseUrl: options.baseUrl,
    tls: { certPem: options.auth.certPem, keyPem: options.auth.keyPem, caPem: options.caPem },
    signer: options.signer,
    practitioner: {
      nationalId: EXAMPLE_DOCTOR,
      firstName: 'MAX',
      lastName: 'LIBRE',
      roles: [
        { code: '10', codeSystem: '1.2.250.1.71.1.2.7', codeSystemName: 'professions', displayName: 'Médecin' },
        { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5', displayName: 'Qualifié en Médecine Générale (SM)' },
      ],
    },
    structure: { id: EXAMPLE_STRUCTURE, activitySector: 'SA07', name: 'CABINET DR LIBRE' },
    software: { name: 'DMP Desk', version: '0.1.0', homologationId: 'BCO-TEST', senderOid: '1.3.6.1.4.1.48364' },
    authMode: 'DIRECTE',
  };
}
