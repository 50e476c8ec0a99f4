import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createSoftwareSigner } from '../crypto/software-signer';
import type { Signer } from '../crypto/signer';
import type { DmpServiceConfig } from './service';

/**
 * DMP settings for training mode, from the folder `npm run sim` writes (`ca.pem`,
 * `clients/cps-<IdNat>-{auth,sign}.{cert,key}.pem`): the desk then calls the DMP simulator as
 * the demo doctor, in direct mode, with the auth key for TLS and the signature key for the VIHF,
 * exactly as with a real CPS. The demo doctor is the one of the official examples.
 */
export async function loadDmpTrainingConfig(simDataDir: string, baseUrl: string): Promise<DmpServiceConfig> {
  const clients = join(simDataDir, 'clients');
  const authFile = (await readdir(clients)).find((name) => /^cps-\d+-auth\.cert\.pem$/.test(name));
  if (authFile === undefined) throw new Error(`no CPS authentication certificate in ${clients}`);
  const nationalId = authFile.slice('cps-'.length, -'-auth.cert.pem'.length);
  const read = (name: string): Promise<string> => readFile(join(clients, name), 'utf8');
  const [authCert, authKey, signCert, signKey, caPem] = await Promise.all([
    read(`cps-${nationalId}-auth.cert.pem`),
    read(`cps-${nationalId}-auth.key.pem`),
    read(`cps-${nationalId}-sign.cert.pem`),
    read(`cps-${nationalId}-sign.key.pem`),
    readFile(join(simDataDir, 'ca.pem'), 'utf8'),
  ]);
  return trainingDmpConfig({
    baseUrl,
    caPem,
    auth: { certPem: authCert, keyPem: authKey },
    signer: createSoftwareSigner({ certPem: signCert, keyPem: signKey }),
    practitioner: { nationalId, firstName: 'MAX', lastName: 'LIBRE' },
  });
}

/**
 * The DMP settings of a training desk: a general practitioner of a simulated practice, in
 * direct mode (CPS authentication key for TLS, CPS signature key — or the card itself — for the VIHF).
 */
export function trainingDmpConfig(options: {
  readonly baseUrl: string;
  readonly caPem: string;
  readonly auth: { readonly certPem: string; readonly keyPem: string };
  readonly signer: Signer;
  readonly practitioner: { readonly nationalId: string; readonly firstName: string; readonly lastName: string };
}): DmpServiceConfig {
  return {
    baseUrl: options.baseUrl,
    tls: { certPem: options.auth.certPem, keyPem: options.auth.keyPem, caPem: options.caPem },
    signer: options.signer,
    practitioner: {
      ...options.practitioner,
      roles: [
        { code: '10', codeSystem: '1.2.250.1.71.1.2.7', codeSystemName: 'professions', displayName: 'Médecin' },
        {
          code: 'SM26',
          codeSystem: '1.2.250.1.71.4.2.5',
          codeSystemName: 'specialites RPPS',
          displayName: 'Qualifié en Médecine Générale (SM)',
        },
      ],
    },
    structure: { id: '499900063480001', activitySector: 'SA07', name: 'CABINET DR LIBRE' },
    software: {
      name: 'DMP Desk',
      version: '0.1.0',
      homologationId: 'TRAINING',
      installId: 'training',
      senderOid: '1.2.250.1.999.1',
    },
    authMode: 'DIRECTE',
  };
}
