/**
 * The desk's update loop, with electron-updater behind a small backend interface so the whole
 * flow runs under Node in tests: our signed check first (release-check.ts), then electron-updater
 * downloads in the background, then the downloaded installer is checked against the signed
 * sha512, and only then is the update `ready`. Installing is the user's choice and goes through
 * decideInstall (never during a consultation).
 */
import type { KeyObject } from 'node:crypto';
import { AppError, isAppError, type ErrorCode } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { decideInstall, type ConsultationState, type InstallMoment, type UpdateState } from './install-policy';
import { checkForRelease, verifyDownloadedInstaller, type ReleaseCheckOptions } from './release-check';
import type { SignedRelease, UpdateChannelName } from './release-signature';

/** What electron-updater does for us (main/update/electron-updater.ts), reduced to what we call. */
export interface UpdaterBackend {
  /** Checks (electron-updater re-reads the channel file) and downloads in the background. */
  download(channel: UpdateChannelName): Promise<{ readonly version: string; readonly downloadedFile: string }>;
  /** Restarts into the downloaded installer now. */
  installNow(): void;
  /** Installs when the user next quits. */
  installOnQuit(): void;
}

export interface UpdateStatus {
  readonly state: UpdateState;
  readonly channel: UpdateChannelName;
  readonly currentVersion: string;
  /** The verified version being downloaded or ready. */
  readonly version?: string;
  /** Why the last check or download stopped (a stable UPDATE_* code). */
  readonly error?: ErrorCode;
  readonly installOnQuit: boolean;
}

export interface UpdateService {
  status(): UpdateStatus;
  /** One check-and-download; resolves with the status it leaves. Never throws. */
  checkNow(): Promise<UpdateStatus>;
  /** The user's choice. Throws UPDATE_NOT_DOWNLOADED or UPDATE_CONSULTATION_OPEN. */
  install(moment: InstallMoment): void;
  onChange(listener: (status: UpdateStatus) => void): () => void;
}

export function createUpdateService(options: {
  readonly serverUrl: string;
  readonly channel: UpdateChannelName;
  readonly currentVersion: string;
  readonly publicKey: KeyObject;
  readonly stagingUserId: string;
  readonly backend: UpdaterBackend;
  readonly consultation: () => ConsultationState;
  readonly logger: Logger;
  readonly check?: Partial<Pick<ReleaseCheckOptions, 'platform' | 'arch' | 'fetch' | 'timeoutMs'>>;
}): UpdateService {
  let status: UpdateStatus = {
    state: 'idle',
    channel: options.channel,
    currentVersion: options.currentVersion,
    installOnQuit: false,
  };
  let running: Promise<UpdateStatus> | undefined;
  const listeners = new Set<(status: UpdateStatus) => void>();
  const set = (next: UpdateStatus): UpdateStatus => {
    status = next;
    for (const listener of [...listeners]) listener(status);
    return status;
  };
  const base = (): Pick<UpdateStatus, 'channel' | 'currentVersion' | 'installOnQuit'> => ({
    channel: options.channel,
    currentVersion: options.currentVersion,
    installOnQuit: false,
  });

  const run = async (): Promise<UpdateStatus> => {
    set({ ...base(), state: 'checking' });
    let release: SignedRelease;
    try {
      const outcome = await checkForRelease({
        serverUrl: options.serverUrl,
        channel: options.channel,
        currentVersion: options.currentVersion,
        publicKey: options.publicKey,
        stagingUserId: options.stagingUserId,
        ...options.check,
      });
      if (outcome.kind !== 'available') {
        options.logger.info('update.none', { outcome: outcome.kind, version: outcome.version });
        return set({ ...base(), state: 'idle' });
      }
      release = outcome.release;
      set({ ...base(), state: 'downloading', version: release.version });
      const downloaded = await options.backend.download(options.channel);
      await verifyDownloadedInstaller(downloaded.downloadedFile, release, downloaded.version);
    } catch (error) {
      const code: ErrorCode = isAppError(error) ? error.code : 'UPDATE_NOT_DOWNLOADED';
      // A server that is down is ordinary (retry later); anything else is a refused release.
      const refused = code !== 'UPDATE_SERVER_UNREACHABLE';
      options.logger[refused ? 'error' : 'warn']('update.stopped', { code });
      return set({ ...base(), state: refused ? 'refused' : 'idle', error: code });
    }
    options.logger.info('update.ready', { version: release.version });
    return set({ ...base(), state: 'ready', version: release.version });
  };

  return {
    status: () => status,
    checkNow() {
      // A ready update stays ready until installed: re-checking would only download it again.
      if (status.state === 'ready') return Promise.resolve(status);
      running ??= run().finally(() => (running = undefined));
      return running;
    },
    install(moment) {
      const decision = decideInstall({ state: status.state, moment, consultation: options.consultation() });
      if (!decision.allowed) throw new AppError(decision.code);
      options.logger.info('update.install', { version: status.version, moment });
      if (moment === 'now') options.backend.installNow();
      else {
        options.backend.installOnQuit();
        set({ ...status, installOnQuit: true });
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
