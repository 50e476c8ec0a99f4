/**
 * The update loop with electron-updater replaced by a backend that downloads from the same
 * loopback server (as electron-updater would, into a cache folder): what becomes `ready`, what
 * is refused, and when the user may install.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsultationState } from '../../../main/update/install-policy';
import { createUpdateService, type UpdaterBackend } from '../../../main/update/update-service';
import { memoryLogger } from '../../support/memory-logger';
import { useTempDir } from '../../support/temp-dir';
import { publishRelease, useUpdateServers } from '../../support/update-server';

const tempDir = useTempDir('dmp-desk-update-');
const startServer = useUpdateServers();
const releaseKey = generateKeyPairSync('ed25519');

async function setUp(options: { tamperAfterCheck?: boolean } = {}) {
  const dir = await tempDir();
  const installer = await publishRelease(dir, { version: '0.2.0', key: releaseKey.privateKey });
  const server = await startServer(dir);
  const cache = await tempDir();
  const calls: string[] = [];
  let consultation: ConsultationState = { patientInContext: false, openEmergencySessions: 0 };
  const backend: UpdaterBackend = {
    async download() {
      calls.push('download');
      // The server swaps the installer between our check and electron-updater's download.
      if (options.tamperAfterCheck === true) await writeFile(join(dir, installer), 'swapped');
      const response = await fetch(`${server.url}/${installer}`);
      const downloadedFile = join(cache, installer);
      await writeFile(downloadedFile, Buffer.from(await response.arrayBuffer()));
      return { version: '0.2.0', downloadedFile };
    },
    installNow: () => calls.push('installNow'),
    installOnQuit: () => calls.push('installOnQuit'),
  };
  const log = memoryLogger();
  const service = createUpdateService({
    serverUrl: server.url,
    channel: 'stable',
    currentVersion: '0.1.0',
    publicKey: releaseKey.publicKey,
    stagingUserId: '00000000-0000-4000-8000-000000000001',
    backend,
    consultation: () => consultation,
    logger: log.logger,
    check: { platform: 'linux', arch: 'x64', timeoutMs: 5_000 },
  });
  return {
    service,
    calls,
    server,
    log,
    setConsultation: (next: ConsultationState) => (consultation = next),
  };
}

describe('update service', () => {
  it('downloads a verified release in the background and installs only when the user chooses, outside a consultation', async () => {
    const { service, calls, setConsultation } = await setUp();
    const states: string[] = [];
    service.onChange((status) => states.push(status.state));
    expect(await service.checkNow()).toMatchObject({ state: 'ready', version: '0.2.0' });
    expect(states).toEqual(['checking', 'downloading', 'ready']);
    expect(calls).toEqual(['download']);

    setConsultation({ patientInContext: true, openEmergencySessions: 0 });
    expect(() => service.install('now')).toThrow('UPDATE_CONSULTATION_OPEN');
    expect(calls).toEqual(['download']);
    service.install('on-quit');
    expect(service.status().installOnQuit).toBe(true);

    setConsultation({ patientInContext: false, openEmergencySessions: 0 });
    service.install('now');
    expect(calls).toEqual(['download', 'installOnQuit', 'installNow']);
  });

  it('refuses an installer swapped after the check: never ready, never installable', async () => {
    const { service, calls, log } = await setUp({ tamperAfterCheck: true });
    expect(await service.checkNow()).toMatchObject({ state: 'refused', error: 'UPDATE_HASH_MISMATCH' });
    expect(() => service.install('on-quit')).toThrow('UPDATE_NOT_DOWNLOADED');
    expect(calls).toEqual(['download']);
    expect(log.text()).toContain('"code":"UPDATE_HASH_MISMATCH"');
  });

  it('stays idle, to retry later, when the server is down, and downloads nothing', async () => {
    const { service, calls, server } = await setUp();
    await server.close();
    expect(await service.checkNow()).toMatchObject({ state: 'idle', error: 'UPDATE_SERVER_UNREACHABLE' });
    expect(calls).toEqual([]);
  });

  it('runs one check at a time', async () => {
    const { service, calls } = await setUp();
    await Promise.all([service.checkNow(), service.checkNow()]);
    expect(calls).toEqual(['download']);
  });
});
