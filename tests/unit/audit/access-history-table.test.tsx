// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_JOURNAL_FILE, createAuditTrail } from '../../../main/audit/trail';
import { silentLogger } from '../../../main/log/logger';
import { DmpProvider } from '../../../renderer/src/app/dmp-context';
import { AccessHistoryTable } from '../../../renderer/src/features/history/AccessHistoryTable';
import { createI18n } from '../../../renderer/src/i18n';
import { AppError } from '../../../shared/errors';
import { openDeskStore } from '../../support/desk-store';
import type { DeskCredentials } from '../../support/desk-fixture';
import { printedDeskCredentials, startDeskInDir, type DeskInDir } from '../../support/desk-in-dir';
import { useTempDir } from '../../support/temp-dir';

/**
 * The History screen's access table on the real service graph, reading a journal the real trail
 * wrote. The table names the patient by the id of a session main opened; main resolves it to the
 * INS of the qualified identity (LAURENCE PATB-QUATRE, through the INSi simulator).
 */
const tempDir = useTempDir('dmp-desk-audit-ui-');
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

const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const OTHER = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
const DOCTOR = '899900038839';

async function renderTable(options: { readonly qualified: boolean } = { qualified: true }) {
  const dir = await tempDir();
  // Written before the desk starts, through the same encrypted store its trail anchors in.
  const prepared = await openDeskStore(dir);
  const trail = createAuditTrail({ dir: join(dir, 'audit'), logger: silentLogger, vault: prepared.vault });
  await trail.record({
    transaction: 'TD0.2',
    accessMode: 'normal',
    professional: DOCTOR,
    request: { patient: PATIENT },
  });
  await trail.record({
    transaction: 'TD3.2',
    accessMode: 'bris_de_glace',
    professional: DOCTOR,
    request: { patient: PATIENT, uniqueId: '1.2.250.1.999.7' },
    error: new AppError('DMP_ACCESS_DENIED'),
  });
  await trail.record({
    transaction: 'TD1.6',
    accessMode: 'normal',
    professional: '10000000001',
    request: { patient: OTHER },
  });
  await prepared.store.close();

  desk = await startDeskInDir({ userDataDir: dir, credentials });
  const patientId = options.qualified ? await desk.qualify() : await desk.openProvisional();
  const client = desk.client;
  const info = await client.app.info({});
  if (!info.ok) throw new Error(info.error.code);
  render(
    <I18nextProvider i18n={await createI18n('fr')}>
      <DmpProvider client={client} appInfo={info.value}>
        <AccessHistoryTable patientId={patientId} />
      </DmpProvider>
    </I18nextProvider>,
  );
  return { file: join(dir, 'audit', AUDIT_JOURNAL_FILE) };
}

describe('access history table', () => {
  it("lists this desk's accesses to the patient, newest first, the emergency one marked", async () => {
    await renderTable();
    const region = screen.getByRole('region', { name: 'Accès au DMP depuis ce poste' });
    const rows = await within(region).findAllByRole('row');
    // Header + the two entries of this patient; the other patient's TD1.6 is not here.
    expect(rows).toHaveLength(3);
    const [, newest, oldest] = rows;
    expect(newest?.textContent).toContain("Lecture d'un document");
    expect(newest?.textContent).toContain('Document 1.2.250.1.999.7');
    expect(newest?.textContent).toContain('Échec (DMP_ACCESS_DENIED)');
    // The code for IT, and what it means for the person at the desk.
    expect(newest?.textContent).toContain("Vos droits d'accès ne permettent pas cette action sur le DMP.");
    expect(within(newest!).getByTitle("Accès d'urgence").textContent).toContain('Bris de glace');
    expect(oldest?.textContent).toContain("Vérification de l'accès au DMP");
    expect(oldest?.textContent).toContain('Normal');
    expect(oldest?.textContent).toContain('Réussi');
    expect(oldest?.textContent).toContain(DOCTOR);
    expect(within(oldest!).queryByTitle("Accès d'urgence")).toBeNull();
    expect(region.textContent).toContain("l'accès web DMP");
    expect(region.textContent).toContain('Journal local intègre');
    expect(screen.queryByText('10000000001')).toBeNull();
  });

  it('says where the journal was altered once a line is edited', async () => {
    const { file } = await renderTable();
    await screen.findAllByRole('row');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[0] = lines[0]!.replace('"outcome":"ok"', '"outcome":"DMP_ACCESS_DENIED"');
    await writeFile(file, lines.join('\n'));

    fireEvent.click(screen.getByRole('button', { name: 'Actualiser' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('la chaîne de contrôle est rompue à la ligne 2'),
    );
    expect(screen.queryByText('Journal local intègre', { exact: false })).toBeNull();
  });

  it('shows nothing of the journal for a patient whose identity is not qualified, and says why', async () => {
    await renderTable({ qualified: false });
    await waitFor(() => expect(document.querySelector('[data-error-code="IDENTITY_NOT_QUALIFIED"]')).not.toBeNull());
    const region = screen.getByRole('region', { name: 'Accès au DMP depuis ce poste' });
    expect(within(region).queryAllByRole('row')).toHaveLength(0);
    expect(region.textContent).not.toContain(DOCTOR);
  });
});
