// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
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
import { DmpProvider } from '../../../../renderer/src/app/dmp-context';
import { DocumentsList } from '../../../../renderer/src/features/documents/DocumentsList';
import { EmergencyDocumentAccess } from '../../../../renderer/src/features/documents/EmergencyDocumentAccess';
import { createI18n } from '../../../../renderer/src/i18n';
import type { DmpClient } from '../../../../shared/api';
import {
  EXAMPLE_DOCTOR,
  startNationalDmpSimulator,
  type NationalDmpSimulator,
} from '../../../../simulators/national-dmp';
import { ensureCssEscape } from '../../../support/css-escape';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';

/**
 * The Documents screen's list under the emergency session the banner shows, on the real service
 * graph and the DMP simulator: nothing in the list knows about emergency access.
 */
interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}
interface Material {
  readonly caCertPem: string;
  readonly cps: { readonly auth: Pem; readonly sign: Pem };
  readonly server: Pem;
}

// Seeded: an active DMP on which the example doctor has no authorization.
const PATIENT = { matricule: '297022A02077878', oid: '1.2.250.1.213.1.4.8' } as const;
const TITLE = `Bilan urgence ${Date.now()}`;
const REASON = 'Patient inconscient, recherche de traitements';

ensureCssEscape();

const tempDir = useTempDir('documents-emergency-screen-');
let simulator: NationalDmpSimulator;
let client: DmpClient;

beforeAll(async () => {
  // Same PKI as the documents-wiring screen test: made in plain Node, as jsdom breaks WebCrypto key import.
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'documents-wiring', 'print-pki.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 22 });
  const material = JSON.parse(stdout) as Material;
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
  // Feeding needs no authorization (M526): the document to look for is deposited in normal mode.
  const deposited = await client.documents.deposit({
    patient: PATIENT,
    traits: { birthFamily: 'ADRTROIS', givenNames: 'DOMINIQUE', sex: 'F', birthDate: '1997-02-26' },
    title: TITLE,
    type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'CR de consultation' },
    pdfBase64: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1').toString('base64'),
  });
  if (!deposited.ok) throw new Error(deposited.error.code);
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

const list = (): HTMLElement => screen.getByRole('region', { name: 'Documents du dossier' });

describe('Documents screen under an emergency session', () => {
  it('lists in normal mode until an emergency access opens, then under it, and back when it ends', async () => {
    await mount(
      <EmergencyDocumentAccess patient={PATIENT}>
        <DocumentsList patient={PATIENT} reloadKey={0} onOpen={() => undefined} />
      </EmergencyDocumentAccess>,
    );
    // Not authorized: the DMP refuses the list.
    await waitFor(() => expect(within(list()).getByRole('alert').dataset['errorCode']).toBe('DMP_ACCESS_DENIED'), {
      timeout: 20_000,
    });
    expect(screen.queryByRole('note')).toBeNull();

    // The bris de glace access (TD0.2 with a reason, as the DMP panel makes it) opens the session.
    await act(async () => {
      const access = await client.dmp.checkAccess({
        patient: PATIENT,
        accessMode: 'bris_de_glace',
        emergencyReason: REASON,
      });
      if (!access.ok) throw new Error(access.error.code);
    });
    expect((await screen.findByRole('note')).textContent).toContain('bris de glace');
    expect(await within(list()).findByText(TITLE, undefined, { timeout: 20_000 })).toBeTruthy();
    expect(document.body.textContent).not.toContain('inconscient');
    expect(simulator.admin.accessHistory(PATIENT.matricule).at(-1)).toMatchObject({
      transaction: 'TD3.1',
      accessMode: 'bris_de_glace',
      outcome: 'allow',
    });

    // Ended from the banner (same call): the screen is back in normal mode, and refused again.
    const sessions = await client.dmp.emergencySessions({});
    const session = sessions.ok
      ? sessions.value.sessions.find((s) => s.patient.matricule === PATIENT.matricule)
      : undefined;
    if (session === undefined) throw new Error('no session');
    await act(async () => {
      await client.dmp.endEmergencySession({ id: session.id });
    });
    await waitFor(() => expect(screen.queryByRole('note')).toBeNull());
    await waitFor(() => expect(within(list()).getByRole('alert').dataset['errorCode']).toBe('DMP_ACCESS_DENIED'), {
      timeout: 20_000,
    });
    expect(within(list()).queryByText(TITLE)).toBeNull();
  }, 60_000);
});
