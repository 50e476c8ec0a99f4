import { describe, expect, it } from 'vitest';
import { dmpMethods } from '../../../../shared/api/dmp';
import { createServices } from '../../../../main/services';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir('dmp-contract-');
const request = (matricule: string) => ({ patient: { matricule, oid: '1.2.250.1.213.1.4.8' } });

describe('dmp contract', () => {
  it.each(['297022A02077878', '160012B02077713', '207058575627097'])('accepts the INS %s', (matricule) => {
    const parsed = dmpMethods.checkAccess.request.parse(request(matricule));
    expect(parsed.accessMode).toBe('normal');
  });

  it.each(['2970A2202077878', '20705857562709', '2070585756270977', '20705857562709X', ''])(
    'refuses the malformed INS "%s"',
    (matricule) => {
      expect(dmpMethods.checkAccess.request.safeParse(request(matricule)).success).toBe(false);
    },
  );

  it('refuses creation without an explicit consent, before anything reaches main', async () => {
    const client = inProcessClient(
      createServices({
        userDataDir: await tempDir(),
        mode: 'training',
        appName: 'DMP Desk',
        appVersion: '0',
        platform: 'linux',
        logger: memoryLogger().logger,
      }),
    );
    const result = await client.dmp.create({
      ...request('297022A02077878'),
      name: { family: 'ADRTROIS', given: 'DOMINIQUE' },
      sex: 'F',
      birthDate: '1997-02-26',
      // @ts-expect-error -- a consent that was not given is not a consent
      consent: { given: false, collectedAt: '2026-11-22T10:00:00.000Z', form: 'oral' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST' } });
    const unconfigured = await client.dmp.checkAccess(request('297022A02077878'));
    expect(unconfigured).toMatchObject({ ok: false, error: { code: 'DMP_NOT_CONFIGURED' } });
  });
});
