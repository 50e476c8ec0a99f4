// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../../../main/xml';
import { DmpPanel } from '../../../../renderer/src/features/dmp/DmpPanel';
import { EmergencyBanner } from '../../../../renderer/src/features/dmp/EmergencyBanner';
import { DEFAULT_IDENTITIES } from '../../../../simulators/insi';
import { officialMessage, startScriptedDmp, type ClientPki, type Reply } from '../../../conformance/dmp/client/harness';
import { startDeskInDir, type DeskInDir } from '../../../support/desk-in-dir';
import { memoryLogger } from '../../../support/memory-logger';
import { renderWithDesk } from '../../../support/render-with-desk';
import { useTempDir } from '../../../support/temp-dir';
import { PRACTITIONER } from '../../../unit/dmp/client/pki';

/**
 * The reason field of the DMP panel and the app-level emergency banner, over the real services:
 * Dr LIBRE's CPS in the reader, LAURENCE PATB-QUATRE qualified through INSi and in context.
 */
const tempDir = useTempDir('dmp-emergency-panel-');
let desk: DeskInDir | undefined;
afterEach(async () => {
  cleanup();
  await desk?.close();
  desk = undefined;
});
const TD02 = 'urn:hl7-org:v3:PRPA_IN201307UV02';
const REASON = 'Patient inconscient, recherche de traitements';

let server: Awaited<ReturnType<typeof startScriptedDmp>>;
let td02 = '';
let reply: Reply = { body: '' };
let material: ClientPki;

beforeAll(async () => {
  // The PKI is made by plain Node (print-material.ts): jsdom's crypto globals do not suit it.
  const script = join(dirname(fileURLToPath(import.meta.url)), 'print-material.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 22 });
  const parsed = JSON.parse(stdout) as Omit<ClientPki, 'pki'> & { caCertPem: string };
  material = { ...parsed, pki: { caCertPem: parsed.caCertPem } as ClientPki['pki'] };
  td02 = await officialMessage('TD0.2_-_Test_dexistence_response.xml');
  server = await startScriptedDmp(material, (request) =>
    /action="([^"]+)"/.exec(request.contentType)?.[1] === TD02 ? reply : { status: 500, body: 'unexpected' },
  );
});

afterAll(async () => {
  await server.close();
});

async function renderDesk(): Promise<{ logText: () => string; desk: DeskInDir }> {
  const log = memoryLogger();
  desk = await startDeskInDir({
    userDataDir: await tempDir(),
    credentials: { caCertPem: material.pki.caCertPem, server: material.server, cps: material.cps },
    dmpUrl: server.origin,
    holder: PRACTITIONER,
    logger: log.logger,
  });
  await desk.qualify();
  const patient = desk.services.patients.current() ?? undefined;
  await renderWithDesk(
    desk.client,
    <>
      <EmergencyBanner />
      <DmpPanel patient={patient} />
    </>,
  );
  await screen.findByText('Ce patient a un DMP.', {}, { timeout: 10_000 });
  return { logText: log.text, desk };
}

const banner = (): HTMLElement | null => screen.queryByRole('alert', { name: "Accès d'urgence en cours" });

async function askBreakGlass(reason: string): Promise<void> {
  fireEvent.click(screen.getByRole('radio', { name: 'Bris de glace' }));
  const confirm = screen.getByRole('button', { name: 'Accéder dans ce mode' });
  expect(confirm.hasAttribute('disabled')).toBe(true);
  fireEvent.change(screen.getByLabelText(/Motif de l'accès d'urgence/), { target: { value: reason } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Accéder dans ce mode' }));
  });
}

describe('emergency access in the renderer', () => {
  it('sends nothing until a reason is typed, then carries it and keeps the banner until ended', async () => {
    reply = { body: td02 };
    const { logText, desk: opened } = await renderDesk();
    const sent = server.requests.length;
    fireEvent.click(screen.getByRole('radio', { name: 'Bris de glace' }));
    expect(screen.getByRole('button', { name: 'Accéder dans ce mode' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByLabelText(/Motif de l'accès d'urgence/), { target: { value: '   ' } });
    expect(screen.getByRole('button', { name: 'Accéder dans ce mode' }).hasAttribute('disabled')).toBe(true);
    expect(server.requests.length).toBe(sent);
    expect(banner()).toBeNull();
    // Chosen but not open yet: the panel says it is only requested.
    expect(screen.getByText(/Accès en bris de glace demandé/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Motif de l'accès d'urgence/), { target: { value: REASON } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Accéder dans ce mode' }));
    });
    // The banner names the patient main has in context; the session itself carries only the patientId.
    await waitFor(() =>
      expect(banner()?.textContent).toMatch(/bris de glace en cours depuis .*\(LAURENCE PATB-QUATRE\)/),
    );
    expect(banner()?.textContent).not.toContain('7097');
    const last = server.requests.at(-1)?.body ?? '';
    expect(last).toContain('code="bris_de_glace"');
    expect(last).toContain(`<saml2:Attribute Name="Mode_Acces_Raison">`);
    expect(last).toContain(REASON);
    expect(logText()).not.toContain('inconscient');

    // Back to normal mode, the emergency access is still flagged: only the user ends it.
    fireEvent.click(screen.getByRole('radio', { name: 'Normal' }));
    await screen.findByText('Ce patient a un DMP.', {}, { timeout: 10_000 });
    expect(banner()).not.toBeNull();

    // Another patient comes to the desk: the access stays flagged, as someone else's.
    const corse = DEFAULT_IDENTITIES.find((p) => p.birthName === 'CORSE');
    if (corse === undefined) throw new Error('CORSE is not an INSi test identity');
    await act(async () => {
      await opened.qualify(corse);
    });
    await waitFor(() => expect(banner()?.textContent).toContain('un autre patient que celui en cours'));
    expect(banner()?.textContent).not.toContain('PATB-QUATRE');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: "Terminer l'accès d'urgence" }));
    });
    await waitFor(() => expect(banner()).toBeNull());
    // Ended: said in words, not just gone.
    expect(screen.getByText(/Accès en bris de glace terminé à \d\d:\d\d/)).toBeTruthy();
  });

  it('an opposed patient is told as such, and no banner starts', async () => {
    reply = { body: td02 };
    await renderDesk();
    reply = {
      status: 500,
      body: `<soap:Envelope xmlns:soap="${NS.soap12}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>DMPAccessDeniedByPatient</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="fr">refus</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>`,
    };
    await askBreakGlass(REASON);
    await waitFor(() => expect(document.querySelector('[data-error-code="DMP_PATIENT_OPPOSED"]')).not.toBeNull());
    expect(screen.getByText("Le patient s'est opposé à ce mode d'accès.")).toBeTruthy();
    expect(banner()).toBeNull();
  });
});
