// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_JOURNAL_FILE, createAuditTrail } from '../../../main/audit/trail';
import { silentLogger } from '../../../main/log/logger';
import { DmpProvider } from '../../../renderer/src/app/dmp-context';
import { JournalVerification } from '../../../renderer/src/features/history/JournalVerification';
import { createI18n } from '../../../renderer/src/i18n';
import type { DeskCredentials } from '../../support/desk-fixture';
import { printedDeskCredentials, startDeskInDir, type DeskInDir } from '../../support/desk-in-dir';
import { openDeskStore } from '../../support/desk-store';
import { useTempDir } from '../../support/temp-dir';

/**
 * The History screen's journal check on the real service graph: main verifies the journal the
 * real trail wrote against the chain key and anchor in the desk's encrypted store.
 */
const tempDir = useTempDir('dmp-desk-audit-verify-ui-');
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
let credentials: DeskCredentials;
let desk: DeskInDir | undefined;
beforeAll(async () => {
  credentials = await printedDeskCredentials();
}, 60_000);
afterEach(async () => {
  cleanup();
  await desk?.close();
  desk = undefined;
});

async function renderCheck(): Promise<string> {
  const dir = await tempDir();
  const prepared = await openDeskStore(dir);
  const trail = createAuditTrail({ dir: join(dir, 'audit'), logger: silentLogger, vault: prepared.vault });
  for (const transaction of ['TD0.2', 'TD3.1', 'TD3.2', 'TD1.6']) {
    await trail.record({
      transaction,
      accessMode: 'normal',
      professional: '899900038839',
      request: { patient: PATIENT },
    });
  }
  await prepared.store.close();
  desk = await startDeskInDir({ userDataDir: dir, credentials });
  const info = await desk.client.app.info({});
  if (!info.ok) throw new Error(info.error.code);
  render(
    <I18nextProvider i18n={await createI18n('fr')}>
      <DmpProvider client={desk.client} appInfo={info.value}>
        <JournalVerification />
      </DmpProvider>
    </I18nextProvider>,
  );
  return join(dir, 'audit', AUDIT_JOURNAL_FILE);
}

describe('journal verification on the History screen', () => {
  it('says the journal is intact, with its line count', async () => {
    await renderCheck();
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier le journal' }));
    await waitFor(() => expect(document.querySelector('[data-journal-intact="true"]')).not.toBeNull());
    expect(document.querySelector('[data-journal-intact="true"]')?.textContent).toContain('4 lignes');
  });

  it('names a cut journal and an edited line, each in its own sentence', async () => {
    const file = await renderCheck();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    lines[1] = lines[1]!.replace('"mode":"normal"', '"mode":"centre_15"');
    await writeFile(file, `${lines.slice(0, 3).join('\n')}\n`);
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier le journal' }));
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('[data-finding="edited"]')?.textContent).toContain('Ligne 3');
    expect(alert.querySelector('[data-finding="truncated"]')?.textContent).toContain('1 ligne(s) ancrée(s) manquent');
    expect(alert.textContent).toContain('prévenez le support informatique');
  });
});
