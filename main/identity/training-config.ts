import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InsiConfig } from './wiring';

/**
 * INSi settings for training mode, from the folder `npm run sim` writes (`ca.pem` and
 * `clients/establishment-<finess>.{cert,key}.pem`): the desk then calls the INSi simulator
 * with the simulated establishment's certificate, exactly as it would call the real service.
 */
export async function loadInsiTrainingConfig(simDataDir: string, url: string): Promise<InsiConfig> {
  const clients = join(simDataDir, 'clients');
  const certFile = (await readdir(clients)).find((name) => /^establishment-.+\.cert\.pem$/.test(name));
  if (certFile === undefined) throw new Error(`no establishment certificate in ${clients}`);
  const finess = certFile.slice('establishment-'.length, -'.cert.pem'.length);
  const [certPem, keyPem, caPem] = await Promise.all([
    readFile(join(clients, certFile), 'utf8'),
    readFile(join(clients, certFile.replace(/\.cert\.pem$/, '.key.pem')), 'utf8'),
    readFile(join(simDataDir, 'ca.pem'), 'utf8'),
  ]);
  return { url, tls: { certPem, keyPem, caPem }, emitter: finess };
}
