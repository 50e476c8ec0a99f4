// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../../../main/xml';
import { DmpPanel } from '../../../../renderer/src/features/dmp/DmpPanel';
import type { DmpPanelPatient } from '../../../../renderer/src/features/dmp/patient';
import { officialMessage, startScriptedDmp, type ClientPki, type Reply } from '../../../conformance/dmp/client/harness';
import { startDeskInDir, type DeskInDir } from '../../../support/desk-in-dir';
import { memoryLogger } from '../../../support/memory-logger';
import { renderWithDesk } from '../../../support/render-with-desk';
import { useTempDir } from '../../../support/temp-dir';
import { PRACTITIONER } from '../../../unit/dmp/client/pki';

/**
 * The DMP panel on a desk as a clinic runs it: Dr LIBRE's CPS in the reader (PIN verified) and
 * LAURENCE PATB-QUATRE qualified through INSi (her INS is the one of the official TD0.2 answer).
 */
const tempDir = useTempDir('dmp-panel-');
let desk: DeskInDir | undefined;
afterEach(async () => {
  cleanup();
  await desk?.close();
  desk = undefined;
});

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

type Who = 'qualified' | 'nobody' | 'forged';

/**
 * Renders the panel for `who`: the patient main has in context once qualified; nobody; or a
 * summary claiming QUAL for an identity main holds as provisional (what a tampered renderer would send).
 */
async function renderPanel(configured: boolean, who: Who = 'qualified', withCps = true) {
  const userDataDir = await tempDir();
  desk = await startDeskInDir({
    userDataDir,
    credentials: { caCertPem: material.pki.caCertPem, server: material.server, cps: material.cps },
    ...(configured ? { dmpUrl: server.origin } : {}),
    ...(withCps ? { holder: PRACTITIONER } : {}),
    logger: memoryLogger().logger,
  });
  let patient: DmpPanelPatient | undefined;
  if (who === 'qualified') {
    await desk.qualify();
    patient = desk.services.patients.current() ?? undefined;
    if (patient?.status !== 'QUAL') throw new Error('the patient in context is not qualified');
  } else if (who === 'forged') {
    const patientId = await desk.openProvisional();
    patient = {
      patientId,
      status: 'QUAL',
      family: 'PATB-QUATRE',
      given: 'LAURENCE',
      birthDate: '1907-05-25',
      sex: 'F',
      ins: { matricule: '207058575627097', kind: 'NIR_TEST' },
    };
  }
  await renderWithDesk(desk.client, <DmpPanel patient={patient} />);
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
    expect(screen.getByTestId('dmp-patient').textContent).toContain('LAURENCE PATB-QUATRE');
    expect(server.requests.at(-1)?.body).toContain('extension="207058575627097"');
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
    // The consent is evidence in the desk's encrypted store, not a clear file.
    const services = desk!.services;
    const current = services.patients.current();
    if (current === null) throw new Error('no patient in context');
    const ins = services.patients.resolveQualified(current.patientId).ins;
    const consents = await services.store.call('consents.list', { patient: ins });
    expect(consents.map((consent) => consent.kind)).toEqual(['creation']);
    await expect(readFile(join(userDataDir, 'dmp-consents.jsonl'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
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
    // Chosen, not yet open: the panel says it is requested, and opens with the reason typed below.
    expect((await screen.findByRole('alert')).textContent).toMatch(/bris de glace demandé/);
    fireEvent.change(screen.getByLabelText(/Motif de l'accès d'urgence/), { target: { value: 'Patient inconscient' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accéder dans ce mode' }));
    await waitFor(() => expect(server.requests.at(-1)?.body).toContain('code="bris_de_glace"'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/bris de glace en cours/));
  });

  it('without a qualified patient, says to qualify the identity first: no INS to type, nothing sent', async () => {
    answers = { [TD02]: { body: td02 } };
    const sent = server.requests.length;
    await renderPanel(true, 'nobody');
    expect(screen.getByText(/Un INS ne se saisit pas à la main/)).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Vérifier le DMP' })).toBeNull();
    expect(screen.queryByTestId('dmp-patient')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests.length).toBe(sent);
  });

  it('main refuses an identity it holds as provisional, whatever the renderer claims, before anything is sent', async () => {
    answers = { [TD02]: { body: td02 } };
    const sent = server.requests.length;
    await renderPanel(true, 'forged');
    await waitFor(() => expect(document.querySelector('[data-error-code="IDENTITY_NOT_QUALIFIED"]')).not.toBeNull());
    expect(screen.queryByText('Ce patient a un DMP.')).toBeNull();
    expect(server.requests.length).toBe(sent);
  });

  it('says a CPS is needed when no card is in a reader, before anything is sent', async () => {
    answers = { [TD02]: { body: td02 } };
    const sent = server.requests.length;
    await renderPanel(true, 'qualified', false);
    await waitFor(() =>
      expect(document.querySelector('[data-error-code="SESSION_PRACTITIONER_REQUIRED"]')).not.toBeNull(),
    );
    expect(server.requests.length).toBe(sent);
  });
});
