import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInsiTrainingConfig } from '../../../main/identity/training-config';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-insi-training-');

describe('loadInsiTrainingConfig', () => {
  it('reads the establishment credentials and CA that `npm run sim` writes', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'clients'));
    await writeFile(join(dir, 'ca.pem'), 'CA');
    await writeFile(join(dir, 'clients', 'cps-899900063480-auth.cert.pem'), 'CPS');
    await writeFile(join(dir, 'clients', 'establishment-10B0127189.cert.pem'), 'CERT');
    await writeFile(join(dir, 'clients', 'establishment-10B0127189.key.pem'), 'KEY');
    expect(await loadInsiTrainingConfig(dir, 'https://127.0.0.1:4444/lps')).toEqual({
      url: 'https://127.0.0.1:4444/lps',
      tls: { certPem: 'CERT', keyPem: 'KEY', caPem: 'CA' },
      emitter: '10B0127189',
    });
  });

  it('fails clearly when the simulator folder has no establishment', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'clients'));
    await expect(loadInsiTrainingConfig(dir, 'https://127.0.0.1:4444/lps')).rejects.toThrow(/no establishment/);
  });
});
