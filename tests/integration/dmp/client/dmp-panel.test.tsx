// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type ServicesConfig } from '../../../../main/services';
import { NS } from '../../../../main/xml';
import { DmpPanel } from '../../../../renderer/src/features/dmp/DmpPanel';
import type { DmpPanelPatient } from '../../../../renderer/src/features/dmp/patient';
import {
  clientConfig,
  officialMessage,
  startScriptedDmp,
  type ClientPki,
  type Reply,
} from '../../../conformance/dmp/client/harness';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { renderWithDesk } from '../../../support/render-with-desk';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir('dmp-panel-');
afterEach(cleanup);

const PATIENT: DmpPanelPatient = {
  ins: { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' },
  name: { family: 'DUPONT', given: 'JEANNE' },
  sex: 'F',
  birthDate: '1980-02-29',
};

let material: ClientPki;
let server: Awaited<ReturnType<typeof startScriptedDmp>>;
let td02 = '';
let answers: Record<string, Reply> = {};

async function materialFromNode(): Promise<ClientPki> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'print-material.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    maxBuffer: 1 << 22,
  });
  const parsed = JSON.parse(stdout) as Omit<ClientPki, 'pki'> & { caCertPem: string };
  // Only the CA certificate of the PKI object is used by the harness.
  return { ...parsed, pki: { caCertPem: parsed.caCertPem } as ClientPki['pki'] };
}

beforeAll(async () => {
  material = await materialFromNode();
  td02 = await officialMessage('TD0.2_-_Test_dexistence_response.xml');
  server = await startScriptedDmp(material, (request) => {
    const action = /action="([^"]+)"/.exec(request.contentType)?.[1] ?? '';
    return answers[action] ?? { status: 500, body: 'unexpected' };
  });
});

afterAll(async () => {
  await server.close();
});

async function renderPanel(configured: boolean, patient: DmpPanelPatient | null = PATIENT) {
  const userDataDir = await tempDir();
  const config: ServicesConfig = {
    userDataDir,
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.1.0',
    platform: 'linux',
    logger: memoryLogger().logger,
    ...(configured ? { dmp: clientConfig(material, server.origin) } : {}),
  };
  const client = inProcessClient(createServices(config));
  await renderWithDesk(client, <DmpPanel patient={patient ?? undefined} />);
  return { userDataDir };
}

const TD02 = 'urn:hl7-org:v3:PRPA_IN201307UV02';
const TD11 = 'urn:hl7-org:v3:PRPA_IN201311UV02';
const TD03 = 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization';

describe('DMP panel against a scripted national service', () => {
  it('shows the official TD0.2 answer at a glance', async () => {
    answers = { [TD02]: { body: td02 } };
    await renderPanel(true);
    await screen.findByText('Ce patient a un DMP.');
    expect(screen.getByText('Vous êtes autorisé')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Déclarer mon autorisation' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Retirer mon autorisation' })).toBeTruthy();
  });

  it('declares the authorization only once the patient agrees', async () => {
    answers = {
      [TD02]: { body: td02.replace('code="VALIDE"', 'code="NON_VALIDE"') },
      [TD03]: {
        body: `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><h:setAuthorizationResponse xmlns:h="${NS.hab}"><h:output><h:status>DMPOk</h:status></h:output></h:setAuthorizationResponse></s:Body></s:Envelope>`,
      },
    };
    await renderPanel(true);
    await screen.findByText("Vous n'êtes pas autorisé");
    fireEvent.click(screen.getByRole('button', { name: 'Déclarer mon autorisation' }));
    const confirm = screen.getByRole('button', { name: 'Déclarer' });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: "Le patient accepte que j'accède à son DMP" }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Déclarer' }));
    });
    await screen.findByText('Autorisation déclarée.');
    expect(server.requests.some((r) => r.body.includes('<action>AJOUT</action>'))).toBe(true);
  });

  it('records consent, then says clearly that the service refuses creation', async () => {
    answers = {
      [TD02]: { body: td02.replace('<queryResponseCode code="OK"/>', '<queryResponseCode code="NF"/>') },
      [TD11]: {
        body: `<s:Envelope xmlns:s="${NS.soap12}"><s:Body><g:PRPA_IN201311UV02_Response xmlns:g="${NS.gdp}"><PRPA_IN201313UV02 xmlns="${NS.hl7}"><acknowledgement typeCode="AE"><acknowledgementDetail><code code="DMPCreationRefused"/></acknowledgementDetail></acknowledgement></PRPA_IN201313UV02></g:PRPA_IN201311UV02_Response></s:Body></s:Envelope>`,
      },
    };
    const { userDataDir } = await renderPanel(true);
    await screen.findByText("Ce patient n'a pas de DMP.");
    fireEvent.click(screen.getByRole('button', { name: 'Créer le DMP' }));
    const confirm = screen.getByRole('button', { name: 'Enregistrer le consentement et créer' });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Le patient a été informé et consent' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le consentement et créer' }));
    });
    await waitFor(() => expect(document.querySelector('[data-error-code="DMP_CREATION_REFUSED"]')).not.toBeNull());
    expect(screen.getByText(/Mon espace santé du patient/)).toBeTruthy();
    const consents = await readFile(join(userDataDir, 'dmp-consents.jsonl'), 'utf8');
    expect(consents).toContain('"kind":"creation"');
  });

  it('says the DMP is not configured instead of failing', async () => {
    answers = {};
    await renderPanel(false);
    await waitFor(() => expect(document.querySelector('[data-error-code="DMP_NOT_CONFIGURED"]')).not.toBeNull());
  });

  it('flags break-glass access for as long as it is selected', async () => {
    answers = { [TD02]: { body: td02 } };
    await renderPanel(true);
    await screen.findByText('Ce patient a un DMP.');
    fireEvent.click(screen.getByRole('radio', { name: 'Bris de glace' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/bris de glace en cours/);
    fireEvent.change(screen.getByLabelText(/Motif de l'accès d'urgence/), { target: { value: 'Patient inconscient' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accéder dans ce mode' }));
    await waitFor(() => expect(server.requests.at(-1)?.body).toContain('code="bris_de_glace"'));
    expect(screen.getByRole('alert').textContent).toMatch(/bris de glace en cours/);
  });

  it('lets the INS be typed when the desk has no patient yet', async () => {
    answers = { [TD02]: { body: td02 } };
    await renderPanel(true, null);
    const input = screen.getByLabelText('INS du patient (15 caractères)');
    fireEvent.change(input, { target: { value: '2070585756270 97' } });
    fireEvent.click(screen.getByRole('radio', { name: 'INS-NIR de test' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Vérifier le DMP' }));
    });
    await screen.findByText('Ce patient a un DMP.');
  });
});
