/**
 * app.updateStatus / checkUpdate / installUpdate through the router, with the real update service
 * against a loopback server and the desk's real consultation state: a patient opened at the desk
 * blocks "install now", not "install when I quit".
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log/logger';
import { createUpdateService } from '../../../main/update/update-service';
import { inProcessClient } from '../../support/in-process-client';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';
import { publishRelease, useUpdateServers } from '../../support/update-server';

const tempDir = useTempDir('dmp-desk-update-');
const startServer = useUpdateServers();
const releaseKey = generateKeyPairSync('ed25519');

describe('update calls', () => {
  it('check, then install only outside a consultation or on quit', async () => {
    const releaseDir = await tempDir();
    const installer = await publishRelease(releaseDir, { version: '0.2.0', key: releaseKey.privateKey });
    const server = await startServer(releaseDir);
    const cache = await tempDir();
    const installs: string[] = [];
    const services = createTestServices(await tempDir(), {
      appVersion: '0.1.0',
      updates: (consultation) =>
        createUpdateService({
          serverUrl: server.url,
          channel: 'stable',
          currentVersion: '0.1.0',
          publicKey: releaseKey.publicKey,
          stagingUserId: '00000000-0000-4000-8000-000000000001',
          consultation,
          logger: silentLogger,
          backend: {
            async download() {
              const file = join(cache, installer);
              await writeFile(file, Buffer.from(await (await fetch(`${server.url}/${installer}`)).arrayBuffer()));
              return { version: '0.2.0', downloadedFile: file };
            },
            installNow: () => installs.push('now'),
            installOnQuit: () => installs.push('on-quit'),
          },
          check: { platform: 'linux', arch: 'x64', timeoutMs: 5_000 },
        }),
    });
    const client = inProcessClient(services);
    expect(await client.app.updateStatus({})).toMatchObject({ ok: true, value: { configured: true, state: 'idle' } });
    expect(await client.app.checkUpdate({})).toMatchObject({ ok: true, value: { state: 'ready', version: '0.2.0' } });

    const opened = await client.identity.open({
      traits: { birthName: 'TEST', firstNames: ['UPDATE'], sex: 'F', birthDate: '1990-01-01' },
    });
    expect(opened.ok).toBe(true);
    expect(await client.app.installUpdate({ moment: 'now' })).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_CONSULTATION_OPEN' },
    });
    expect(installs).toEqual([]);
    expect(await client.app.installUpdate({ moment: 'on-quit' })).toMatchObject({
      ok: true,
      value: { installOnQuit: true },
    });
    expect(installs).toEqual(['on-quit']);
  });

  it('says so when IT configured no update server', async () => {
    const client = inProcessClient(createTestServices(await tempDir()));
    expect(await client.app.updateStatus({})).toMatchObject({ ok: true, value: { configured: false } });
    expect(await client.app.checkUpdate({})).toMatchObject({ ok: false, error: { code: 'UPDATE_NOT_CONFIGURED' } });
    expect(await client.app.installUpdate({ moment: 'on-quit' })).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_NOT_CONFIGURED' },
    });
  });
});
