/**
 * The only file of main/update that touches Electron: electron-updater behind {@link UpdaterBackend}.
 * Everything that decides (signature, hashes, versions, rollout, when to install) is in the
 * Node-tested modules next to this one; here we only configure electron-updater so it can never
 * act on its own: no automatic download, no install on quit unless the user chose it, no downgrade.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import { AppError } from '../../shared/errors';
import type { UpdateServerConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import type { ConsultationState } from './install-policy';
import { releasePublicKey } from './release-key';
import { createUpdateService, type UpdaterBackend, type UpdateService } from './update-service';

/** How often a running desk looks for an update (and once, shortly after start). */
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
const FIRST_CHECK_AFTER_MS = 60 * 1000;

/** electron-updater's own staging id (`.updaterId`), read or created the way it does, so both agree on the rollout. */
function stagingUserId(userDataDir: string): string {
  const file = join(userDataDir, '.updaterId');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/i.test(id)) return id;
  } catch {
    // First run: created below.
  }
  const id = randomUUID();
  writeFileSync(file, id, { mode: 0o600 });
  return id;
}

function electronBackend(config: UpdateServerConfig): UpdaterBackend {
  autoUpdater.setFeedURL({ provider: 'generic', url: config.url });
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowPrerelease = config.channel === 'beta';
  autoUpdater.channel = config.channel === 'stable' ? 'latest' : 'beta';
  // Setting `channel` turns downgrades on (electron-updater's documented side effect): off again.
  autoUpdater.allowDowngrade = false;
  autoUpdater.logger = null;
  return {
    async download() {
      const result = await autoUpdater.checkForUpdates();
      if (result === null || !result.isUpdateAvailable) throw new AppError('UPDATE_NOT_DOWNLOADED');
      const [downloadedFile] = await autoUpdater.downloadUpdate();
      if (downloadedFile === undefined) throw new AppError('UPDATE_NOT_DOWNLOADED');
      return { version: result.updateInfo.version, downloadedFile };
    },
    installNow: () => autoUpdater.quitAndInstall(false, true),
    installOnQuit: () => {
      autoUpdater.autoInstallOnAppQuit = true;
    },
  };
}

export function startElectronUpdates(options: {
  readonly config: UpdateServerConfig;
  readonly consultation: () => ConsultationState;
  readonly logger: Logger;
}): UpdateService {
  const service = createUpdateService({
    serverUrl: options.config.url,
    channel: options.config.channel,
    currentVersion: app.getVersion(),
    publicKey: releasePublicKey(),
    stagingUserId: stagingUserId(app.getPath('userData')),
    backend: electronBackend(options.config),
    consultation: options.consultation,
    logger: options.logger,
  });
  const check = (): void => void service.checkNow();
  setTimeout(check, FIRST_CHECK_AFTER_MS).unref();
  setInterval(check, CHECK_EVERY_MS).unref();
  return service;
}
