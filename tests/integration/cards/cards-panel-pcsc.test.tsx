// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services';
import { DmpProvider } from '../../../renderer/src/app/dmp-context';
import { CardsPanel } from '../../../renderer/src/features/cards/CardsPanel';
import { createI18n } from '../../../renderer/src/i18n';
import { inProcessClient } from '../../support/in-process-client';
import { memoryLogger } from '../../support/memory-logger';
import { ensurePcscd, PCSCD_SOCKET, type PcscdHandle } from '../../support/pcscd';

/**
 * The real PC/SC backend behind the panel, pointed at a pcscd socket that does not exist yet.
 * libpcsclite reads PCSCLITE_CSOCK_NAME on first use, and the binding is loaded lazily when the
 * service starts, so setting it here (this file runs in its own worker) is early enough.
 */
const socketDir = mkdtempSync(join(tmpdir(), 'dmp-pcsc-ui-'));
const socket = join(socketDir, 'pcscd.comm');
process.env['PCSCLITE_CSOCK_NAME'] = socket;

let pcscd: PcscdHandle | undefined;
beforeAll(async () => {
  pcscd = await ensurePcscd({ waitForReaders: false });
});

afterAll(async () => {
  cleanup();
  rmSync(socketDir, { recursive: true, force: true });
  await pcscd?.stop();
});

describe('cards panel without pcscd', () => {
  it('says the reader service is unavailable, then shows the readers once pcscd answers', async () => {
    const services = createServices({
      userDataDir: mkdtempSync(join(tmpdir(), 'dmp-pcsc-ui-data-')),
      mode: 'production',
      appName: 'DMP Desk',
      appVersion: '0.0.0',
      platform: 'linux',
      logger: memoryLogger().logger,
    });
    try {
      const client = inProcessClient(services);
      const info = await client.app.info({});
      if (!info.ok) throw new Error('bootstrap failed');
      render(
        <I18nextProvider i18n={await createI18n('fr')}>
          <DmpProvider client={client} appInfo={info.value}>
            <CardsPanel onBeneficiarySelected={() => undefined} />
          </DmpProvider>
        </I18nextProvider>,
      );
      const notice = await screen.findByText(
        /service des lecteurs de cartes \(PC\/SC\) ne répond pas/,
        {},
        { timeout: 10_000 },
      );
      expect(notice.closest('[data-error-code]')?.getAttribute('data-error-code')).toBe('PCSC_UNAVAILABLE');
      expect(screen.queryByRole('alert')).toBeNull();
      // pcscd "comes up": the backend's own retry must find it, nobody calls anything.
      symlinkSync(PCSCD_SOCKET, socket);
      await waitFor(() => expect(screen.getAllByText('Lecteur vide').length).toBeGreaterThanOrEqual(2), {
        timeout: 15_000,
      });
      expect(screen.queryByText(/ne répond pas/)).toBeNull();
    } finally {
      await services.dispose();
    }
  });
});
