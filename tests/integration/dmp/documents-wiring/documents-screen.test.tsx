// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import { trainingDmpConfig } from '../../../../main/dmp/training-config';
import { createServices } from '../../../../main/services';
import type { DmpClient } from '../../../../shared/api';
import { DmpProvider } from '../../../../renderer/src/app/dmp-context';
import type { DmpPanelPatient } from '../../../../renderer/src/features/dmp/patient';
import { DepositForm } from '../../../../renderer/src/features/documents/DepositForm';
import { DocumentsList } from '../../../../renderer/src/features/documents/DocumentsList';
import { DocumentViewer } from '../../../../renderer/src/features/documents/DocumentViewer';
import { DocumentsScreen } from '../../../../renderer/src/screens/DocumentsScreen';
import { createI18n } from '../../../../renderer/src/i18n';
import {
  EXAMPLE_DOCTOR,
  startNationalDmpSimulator,
  type NationalDmpSimulator,
} from '../../../../simulators/national-dmp';
import { ensureCssEscape } from '../../../support/css-escape';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

/** The Documents screen's parts on the real service graph and the DMP simulator; only the DOM is jsdom. */
interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}
interface Material {
  readonly caCertPem: string;
  readonly cps: { readonly auth: Pem; readonly sign: Pem };
  readonly server: Pem;
}

const PATIENT: DmpPanelPatient = {
  ins: { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' },
  name: { family: 'PATB-QUATRE', given: 'LAURENCE' },
  sex: 'F',
  birthDate: '1907-05-25',
};
const PDF_TEXT = `%PDF-1.4\n% screen test ${Date.now()}\ntrailer<<>>\n%%EOF\n`;

ensureCssEscape();

const tempDir = useTempDir('documents-screen-');
let simulator: NationalDmpSimulator;
let client: DmpClient;
let material: Material;
const blobs = new Map<string, Blob>();

beforeAll(async () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'print-pki.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 22 });
  material = JSON.parse(stdout) as Material;
  simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: material.server.certPem, keyPem: material.server.keyPem, caPem: material.caCertPem },
  });
  const services = createServices({
    userDataDir: await tempDir(),
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.1.0',
    platform: 'linux',
    logger: memoryLogger().logger,
    cards: { backend: 'virtual', readers: [] },
    dmp: trainingDmpConfig({
      baseUrl: simulator.url,
      caPem: material.caCertPem,
      auth: material.cps.auth,
      signer: createSoftwareSigner(material.cps.sign),
      practitioner: { nationalId: EXAMPLE_DOCTOR, firstName: 'MAX', lastName: 'LIBRE' },
    }),
  });
  client = inProcessClient(services);
  // jsdom has no blob: URLs; the viewer's frame source is recorded so the test can read the bytes shown.
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void blobs.delete(url);
}, 60_000);

afterEach(cleanup);
afterAll(async () => {
  await simulator?.close();
});

async function mount(node: React.ReactNode): Promise<void> {
  const info = await client.app.info({});
  if (!info.ok) throw new Error('bootstrap failed');
  const i18n = await createI18n('fr');
  render(
    <I18nextProvider i18n={i18n}>
      <DmpProvider client={client} appInfo={info.value}>
        {node}
      </DmpProvider>
    </I18nextProvider>,
  );
}

describe('Documents screen', () => {
  it('says why it is empty when no patient is qualified', async () => {
    await mount(<DocumentsScreen />);
    expect(screen.getByText('Aucun DMP ouvert.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('deposits a PDF after a metadata preview, and the list shows it, masked', async () => {
    let deposited = 0;
    await mount(<DepositForm patient={PATIENT} onDeposited={() => (deposited += 1)} />);
    const input = screen.getByLabelText('Fichier PDF');
    const file = new File([PDF_TEXT], 'compte-rendu.pdf', { type: 'application/pdf' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>(/Titre du document/).value).toBe('compte-rendu'),
    );
    fireEvent.change(screen.getByLabelText(/Titre du document/), { target: { value: 'CR écran' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Masquer aux autres professionnels de santé' }));
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier avant dépôt' }));
    const preview = screen.getByRole('group', { name: 'Ce qui sera déposé' });
    expect(within(preview).getByText('CR écran')).toBeTruthy();
    expect(within(preview).getByText('LAURENCE PATB-QUATRE')).toBeTruthy();
    expect(within(preview).getByText('Masqué aux professionnels')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Signer et déposer' }));
    });
    await screen.findByText('Document déposé.', undefined, { timeout: 20_000 });
    expect(deposited).toBe(1);

    cleanup();
    await mount(<DocumentsList patient={PATIENT.ins} reloadKey={0} onOpen={() => undefined} />);
    const row = (await screen.findByText('CR écran', undefined, { timeout: 20_000 })).closest('tr');
    if (row === null) throw new Error('no row');
    // The type's name is the DMP value set's (JDV_J07), as the form offered it.
    expect(within(row).getByText('CR ou fiche de consultation ou de visite')).toBeTruthy();
    expect(within(row).getByText('Masqué aux professionnels')).toBeTruthy();
    expect(within(row).getByText('Actif')).toBeTruthy();

    // TD3.3: archived from the row's menu, once confirmed, it leaves the current documents.
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Actions sur « CR écran »' }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Archiver…' }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Archiver' }));
    });
    await waitFor(() => expect(screen.queryByText('CR écran')).toBeNull(), { timeout: 20_000 });
    fireEvent.click(screen.getByRole('radio', { name: 'Archivé' }));
    await screen.findByText('CR écran', undefined, { timeout: 20_000 });
  }, 60_000);

  it('refuses a file that is not a PDF before anything is sent', async () => {
    await mount(<DepositForm patient={PATIENT} onDeposited={() => undefined} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Fichier PDF'), {
        target: { files: [new File(['<html></html>'], 'x.pdf', { type: 'application/pdf' })] },
      });
    });
    await screen.findByText("Ce fichier n'est pas un PDF.");
    expect(screen.getByRole('button', { name: 'Vérifier avant dépôt' }).hasAttribute('disabled')).toBe(true);
  });

  it('opens a document: the frame shows the very PDF bytes retrieved from the DMP', async () => {
    const deposited = await client.documents.deposit({
      patient: PATIENT.ins,
      traits: { birthFamily: 'PATB-QUATRE', givenNames: 'LAURENCE', sex: 'F', birthDate: '1907-05-25' },
      title: 'CR à lire',
      type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
      pdfBase64: Buffer.from(PDF_TEXT, 'latin1').toString('base64'),
    });
    if (!deposited.ok) throw new Error(deposited.error.code);
    const found = await client.documents.search({ patient: PATIENT.ins });
    if (!found.ok) throw new Error(found.error.code);
    const document = found.value.documents.find((d) => d.uniqueId === deposited.value.uniqueId);
    if (document === undefined) throw new Error('deposit not found');
    await mount(<DocumentViewer patient={PATIENT.ins} document={document} onClose={() => undefined} />);
    const frame = await screen.findByTitle('CR à lire', undefined, { timeout: 20_000 });
    const src = frame.getAttribute('src') ?? '';
    const blob = blobs.get(src);
    expect(blob?.type).toBe('application/pdf');
    expect(await blob?.text()).toBe(PDF_TEXT);
  }, 30_000);
});
