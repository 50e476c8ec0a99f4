// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdateSection } from '../../../renderer/src/features/update/UpdateSection';
import { AppError } from '../../../shared/errors';
import { decideInstall, type InstallMoment } from '../../../main/update/install-policy';
import type { UpdateService, UpdateStatus } from '../../../main/update/update-service';
import { inProcessClient } from '../../support/in-process-client';
import { renderWithDesk } from '../../support/render-with-desk';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
afterEach(cleanup);

/** An update already downloaded and verified; installing goes through the real policy with the desk's consultation state. */
function readyUpdate(installs: InstallMoment[]) {
  return (consultation: () => Parameters<typeof decideInstall>[0]['consultation']): UpdateService => {
    let status: UpdateStatus = {
      state: 'ready',
      channel: 'stable',
      currentVersion: '0.1.0',
      version: '0.2.0',
      installOnQuit: false,
    };
    return {
      status: () => status,
      checkNow: async () => status,
      install(moment) {
        const decision = decideInstall({ state: status.state, moment, consultation: consultation() });
        if (!decision.allowed) throw new AppError(decision.code);
        installs.push(moment);
        if (moment === 'on-quit') status = { ...status, installOnQuit: true };
      },
      onChange: () => () => undefined,
    };
  };
}

describe('Settings: updates', () => {
  it('offers a verified update and refuses "install now" while a patient is at the desk', async () => {
    const installs: InstallMoment[] = [];
    const services = createTestServices(await tempDir(), { updates: readyUpdate(installs) });
    const client = inProcessClient(services);
    await client.identity.open({ traits: { birthName: 'TEST', firstNames: ['UPDATE'], birthDate: '1990-01-01' } });
    await renderWithDesk(client, <UpdateSection />);
    expect(await screen.findByText(/La version 0.2.0 est téléchargée et vérifiée/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Redémarrer et installer maintenant' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-error-code')).toBe('UPDATE_CONSULTATION_OPEN');
    expect(installs).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Installer en quittant' }));
    expect(await screen.findByText(/Elle sera installée quand vous quitterez DMP Desk/)).toBeTruthy();
    expect(installs).toEqual(['on-quit']);
  });

  it('says IT installs new versions when no update server is configured, and offers no button', async () => {
    await renderWithDesk(inProcessClient(createTestServices(await tempDir())), <UpdateSection />, 'en');
    expect(await screen.findByText(/No update server is configured/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
