// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import { trainingDmpConfig } from '../../../../main/dmp/training-config';
import { createServices } from '../../../../main/services';
import type { DmpClient, DocumentSummary } from '../../../../shared/api';
import { DmpProvider } from '../../../../renderer/src/app/dmp-context';
import { DocumentViewer } from '../../../../renderer/src/features/documents/DocumentViewer';
import { createI18n } from '../../../../renderer/src/i18n';
import {
  EXAMPLE_DOCTOR,
  startNationalDmpSimulator,
  type NationalDmpSimulator,
} from '../../../../simulators/national-dmp';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

/** The document viewer on the real service graph and the DMP simulator's structured training synthesis. */
interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}
interface Material {
  readonly caCertPem: string;
  readonly cps: { readonly auth: Pem; readonly sign: Pem };
  readonly server: Pem;
}

const PATIENT = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
const tempDir = useTempDir('cda-readable-viewer-');
let simulator: NationalDmpSimulator;
let client: DmpClient;

beforeAll(async () => {
  // The jsdom realm breaks WebCrypto key import: the documents-wiring helper makes the PEMs in plain Node.
  const script = join(dirname(fileURLToPath(import.meta.url)), '../documents-wiring/print-pki.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 22 });
  const material = JSON.parse(stdout) as Material;
  simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: material.server.certPem, keyPem: material.server.keyPem, caPem: material.caCertPem },
    seedDocuments: true,
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
}, 60_000);

afterEach(cleanup);
afterAll(async () => {
  await simulator?.close();
});

async function mount(node: ReactNode): Promise<void> {
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

async function documentTitled(pattern: RegExp): Promise<DocumentSummary> {
  const found = await client.documents.search({ patient: PATIENT });
  if (!found.ok) throw new Error(found.error.code);
  const document = found.value.documents.find((d) => pattern.test(d.title ?? ''));
  if (document === undefined) throw new Error('no such training document');
  return document;
}

describe('DocumentViewer', () => {
  it('shows a structured CDA as headed sections and tables, with its header facts', async () => {
    const document = await documentTitled(/structuree/);
    await mount(<DocumentViewer patient={PATIENT} document={document} onClose={() => undefined} />);
    const viewer = screen.getByRole('region', { name: document.title ?? '' });
    await waitFor(() =>
      expect(within(viewer).getByRole('heading', { level: 3, name: 'Pathologies en cours' })).toBeTruthy(),
    );
    expect(within(viewer).getByRole('heading', { level: 3, name: 'Traitements au long cours' })).toBeTruthy();
    const problems = within(viewer).getByRole('region', { name: 'Pathologies en cours' });
    expect(
      within(problems)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['Hypertension arterielledepuis 2019', 'Asthmedepuis l enfance']);
    expect(within(viewer).getByText('Auteur(s)', { selector: 'dt' }).nextElementSibling?.textContent).toBe('MAX LIBRE');
    expect(within(viewer).getByText(/texte narratif de chaque section/)).toBeTruthy();
    expect(viewer.querySelector('iframe, pre')).toBeNull();
  }, 30_000);

  it('still shows an N1 document in a frame', async () => {
    URL.createObjectURL = () => 'blob:test/pdf';
    URL.revokeObjectURL = () => undefined;
    const document = await documentTitled(/imagerie/);
    await mount(<DocumentViewer patient={PATIENT} document={document} onClose={() => undefined} />);
    const viewer = screen.getByRole('region', { name: document.title ?? '' });
    await waitFor(() => expect(viewer.querySelector('iframe')?.getAttribute('src')).toBe('blob:test/pdf'));
    expect(within(viewer).queryByRole('heading', { level: 3 })).toBeNull();
  }, 30_000);
});
