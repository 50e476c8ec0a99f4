import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, listChannels } from '../../shared/api';
import { AppError, fail } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { isTrustedIpcSender, type IpcSenderFacts } from '../security/policy';
import type { Router } from './router';

/** What the policy needs to know about an invoke's sender, read off Electron's objects. */
export function senderFacts(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): IpcSenderFacts {
  const frame = event.senderFrame;
  return { frameUrl: frame?.url, isMainFrame: frame !== null && frame !== undefined && frame.parent === null };
}

/**
 * Binds every contract method to `ipcMain.handle`, refusing any sender that is not our own
 * top-level app:// page, and forwards main events to the given windows.
 */
export function registerElectronTransport(options: {
  router: Router;
  logger: Logger;
  eventTargets: () => readonly WebContents[];
}): () => void {
  const { router, logger } = options;
  const channels = listChannels();
  for (const ref of channels) {
    ipcMain.handle(`${IPC_PREFIX}${ref.channel}`, async (event, request: unknown) => {
      if (!isTrustedIpcSender(senderFacts(event))) {
        logger.warn('ipc.forbidden_sender', { channel: ref.channel });
        return fail(new AppError('IPC_FORBIDDEN_SENDER').toShape());
      }
      return router.dispatch(ref.channel, request, { transport: 'electron' });
    });
  }
  const unsubscribe = router.subscribe((event, payload) => {
    for (const contents of options.eventTargets()) {
      if (!contents.isDestroyed() && isTrustedIpcSender({ frameUrl: contents.getURL(), isMainFrame: true })) {
        contents.send(IPC_EVENT_CHANNEL, { event, payload });
      }
    }
  });
  return () => {
    unsubscribe();
    for (const ref of channels) ipcMain.removeHandler(`${IPC_PREFIX}${ref.channel}`);
  };
}
