import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DmpEndpointConfig } from '../config/runtime';
import type { InsiConfig } from '../identity/wiring';

/**
 * National-service settings of a training desk against simulators started elsewhere
 * (`npm run sim`), from the folder it writes (`ca.pem`, `clients/…`): the same types a production
 * configuration produces. The practitioner is whoever's CPS is in the reader.
 */
export async function loadSimDataConfig(
  simDataDir: string,
  urls: { readonly insiUrl?: string | undefined; readonly dmpUrl?: string | undefined },
): Promise<{ insi?: InsiConfig; dmp?: DmpEndpointConfig }> {
  const clients = join(simDataDir, 'clients');
  const names = await readdir(clients);
  const read = (name: string): Promise<string> => readFile(join(clients, name), 'utf8');
  const caPem = await readFile(join(simDataDir, 'ca.pem'), 'utf8');
  const result: { insi?: InsiConfig; dmp?: DmpEndpointConfig } = {};
  if (urls.insiUrl !== undefined) {
    const certFile = names.find((name) => /^establishment-.+\.cert\.pem$/.test(name));
    if (certFile === undefined) throw new Error(`no establishment certificate in ${clients}`);
    result.insi = {
      url: urls.insiUrl,
      tls: { certPem: await read(certFile), keyPem: await read(certFile.replace(/\.cert\.pem$/, '.key.pem')), caPem },
      emitter: certFile.slice('establishment-'.length, -'.cert.pem'.length),
    };
  }
  if (urls.dmpUrl !== undefined) {
    const authFile = names.find((name) => /^cps-\d+-auth\.cert\.pem$/.test(name));
    if (authFile === undefined) throw new Error(`no CPS authentication certificate in ${clients}`);
    result.dmp = trainingDmpEndpoint({
      baseUrl: urls.dmpUrl,
      caPem,
      auth: { certPem: await read(authFile), keyPem: await read(authFile.replace(/\.cert\.pem$/, '.key.pem')) },
    });
  }
  return result;
}

/**
 * The DMP endpoint of a training desk: a simulated general practice, in direct mode (the CPS
 * authentication key for TLS; the VIHF signed by the card in the reader).
 */
export function trainingDmpEndpoint(options: {
  readonly baseUrl: string;
  readonly caPem: string;
  readonly auth: { readonly certPem: string; readonly keyPem: string };
}): DmpEndpointConfig {
  return {
    baseUrl: options.baseUrl,
    tls: { certPem: options.auth.certPem, keyPem: options.auth.keyPem, caPem: options.caPem },
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
