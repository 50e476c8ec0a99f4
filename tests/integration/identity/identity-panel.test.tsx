// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services';
import type { BeneficiarySelection } from '../../../renderer/src/features/cards/selection';
import { IdentityPanel } from '../../../renderer/src/features/identity/IdentityPanel';
import type { VitaleBeneficiary } from '../../../shared/domain/cards';
import type { InsiIndividual } from '../../../shared/domain/identity';
import { VirtualReader, VirtualVitale2 } from '../../../simulators/cards';
import { startInsiSimulator, type InsiSimulator } from '../../../simulators/insi';
import { inProcessClient } from '../../support/in-process-client';
import { memoryLogger } from '../../support/memory-logger';
import { renderWithDesk } from '../../support/render-with-desk';
import { useTempDir } from '../../support/temp-dir';
import { insiTlsFromChild } from './pki-in-child';

const tempDir = useTempDir('dmp-identity-ui-');
/** The INSi round trip runs over real mutual TLS: slow when the whole suite shares the CPU. */
const SLOW = { timeout: 10_000 };
let sim: InsiSimulator;
let tls: { certPem: string; keyPem: string; caPem: string };

beforeAll(async () => {
  const fixture = insiTlsFromChild();
  tls = { ...fixture.client, caPem: fixture.caPem };
  sim = await startInsiSimulator({ tls: { ...fixture.server, caPem: fixture.caPem } });
});
afterAll(async () => sim.close());
afterEach(cleanup);

let shared: (InsiIndividual | undefined)[] = [];

const VITALE_READER = 'Lecteur Vitale';

/**
 * The desk with ANTHONY CORSE's carte Vitale in its reader: the panel is handed the reader and
 * the picked beneficiary, and main reads the card itself to open the patient session.
 */
async function renderPanel(selection: BeneficiarySelection | undefined, language: 'fr' | 'en' = 'fr') {
  shared = [];
  const reader = new VirtualReader(VITALE_READER);
  const { lastName, firstName, birthDate, nir } = corse;
  reader.insert(new VirtualVitale2({ beneficiaries: [{ lastName, firstName, birthDate, nir }] }));
  const services = createServices({
    userDataDir: await tempDir(),
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.1.0',
    platform: 'linux',
    logger: memoryLogger().logger,
    insi: { url: sim.url, tls },
    cards: { backend: 'virtual', readers: [reader] },
  });
  const client = inProcessClient(services);
  await renderWithDesk(
    client,
    <IdentityPanel selection={selection} onQualified={(insi) => shared.push(insi)} />,
    language,
  );
}

/** Clicks once the button is enabled: the panel disables its buttons while a call is in flight. */
async function press(name: RegExp): Promise<void> {
  await waitFor(() => expect(screen.getByRole('button', { name }).hasAttribute('disabled')).toBe(false), SLOW);
  fireEvent.click(screen.getByRole('button', { name }));
}

const corse: VitaleBeneficiary = {
  index: 0,
  lastName: 'CORSE',
  firstName: 'ANTHONY',
  birthDate: '19800302',
  nir: '180032B02040123',
};

describe('identity panel', () => {
  it('Vitale -> INSi -> traits compared -> document check -> qualified (French)', async () => {
    await renderPanel({ reader: VITALE_READER, beneficiary: corse });
    await screen.findByText(/PROV · Provisoire/, {}, SLOW);
    await press(/Interroger l'INSi avec la carte Vitale/);
    await screen.findByText(/RECUP · Récupérée/, {}, SLOW);
    expect(shared.every((insi) => insi === undefined)).toBe(true);
    expect(document.querySelector('.identity-matricule')?.textContent).toBe('180032B020401 23');
    // The sources agree: the comparison is one line, its table one click away.
    fireEvent.click(screen.getByRole('button', { name: /Comparaison des traits : les sources concordent/ }));
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Trait', 'Carte Vitale', 'INSi']);
    fireEvent.click(screen.getByRole('radio', { name: "Carte nationale d'identité" }));
    await press(/J'ai vérifié cette pièce/);
    await screen.findByText(/QUAL · Qualifiée/, {}, SLOW);
    expect(screen.getByText(/Pièce vérifiée : Carte nationale d'identité/)).toBeTruthy();
    // Only now may the INS leave the panel.
    await waitFor(() => expect(shared.at(-1)?.active.nir13).toBe('180032B020401'), SLOW);

    fireEvent.click(screen.getByRole('button', { name: /Identité douteuse ou fictive \?/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Identité douteuse' }));
    await press(/^Enregistrer$/);
    await screen.findByText(/RECUP · Récupérée/, {}, SLOW);
    expect(screen.getByText(/· Identité douteuse/)).toBeTruthy();
    await waitFor(() => expect(shared.at(-1)).toBeUndefined(), SLOW);
  });

  it('opens the patient from the card main reads, never from the data the renderer hands back', async () => {
    // The renderer's copy of the beneficiary says someone else: only the reader and the index count.
    const forged: VitaleBeneficiary = { ...corse, lastName: 'FAUX', firstName: 'NOM', nir: '290017511200112' };
    await renderPanel({ reader: VITALE_READER, beneficiary: forged });
    await screen.findByText(/PROV · Provisoire/, {}, SLOW);
    // The traits from the card, as main read them, behind their disclosure.
    fireEvent.click(screen.getByRole('button', { name: /Traits d'identité \(saisir ou corriger/ }));
    expect(screen.getByLabelText<HTMLInputElement>('Nom de naissance').value).toBe('CORSE');
    expect(screen.getByLabelText<HTMLInputElement>(/Prénoms de naissance/).value).toBe('ANTHONY');
    expect(document.body.textContent).not.toContain('FAUX');
    await press(/Interroger l'INSi avec la carte Vitale/);
    await screen.findByText(/RECUP · Récupérée/, {}, SLOW);
    expect(document.querySelector('.identity-matricule')?.textContent).toBe('180032B020401 23');
  });

  it('says so when the picked beneficiary is not on the card in the reader', async () => {
    await renderPanel({ reader: VITALE_READER, beneficiary: { ...corse, index: 3 } });
    await waitFor(() => expect(document.querySelector('[data-error-code="IDENTITY_NOT_FOUND"]')).not.toBeNull(), SLOW);
    expect(screen.queryByText(/PROV · Provisoire/)).toBeNull();
    expect(shared.every((insi) => insi === undefined)).toBe(true);
  });

  it('shows the 01 screen, then the 02 screen and resolves it with the birthplace (English)', async () => {
    await renderPanel(undefined, 'en');
    await press(/Enter the identity without a card/);
    fireEvent.change(screen.getByLabelText(/Birth name/), { target: { value: 'Adrun' } });
    fireEvent.change(screen.getByLabelText(/Birth first names/), { target: { value: 'Zoé' } });
    fireEvent.change(screen.getByLabelText(/Birth date/), { target: { value: '1990-01-01' } });
    await press(/Save the traits/);
    await screen.findByText(/PROV · Provisional/, {}, SLOW);
    await press(/Query INSi with the typed traits/);
    expect((await screen.findByRole('alert', {}, SLOW)).textContent).toMatch(/No identity found \(code 01\)/);

    fireEvent.change(screen.getByLabelText(/Birth name/), { target: { value: "d'Almeida-Jumeau" } });
    fireEvent.change(screen.getByLabelText(/Birth first names/), { target: { value: 'Alex' } });
    fireEvent.change(screen.getByLabelText(/Birth date/), { target: { value: '2001-09-09' } });
    await press(/Save the traits/);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), SLOW);
    await press(/Query INSi with the typed traits/);
    expect((await screen.findByRole('alert', {}, SLOW)).textContent).toMatch(/Several identities found \(code 02\)/);

    fireEvent.change(screen.getByLabelText(/Birthplace/), { target: { value: '13055' } });
    await press(/Save the traits/);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), SLOW);
    await press(/Query INSi with the typed traits/);
    await screen.findByText(/RECUP · Retrieved/, {}, SLOW);
    expect(document.querySelector('.identity-matricule')?.textContent).toBe('1010913055202 73');
    expect(screen.getByText('Test INS-NIR')).toBeTruthy();
  });

  it('highlights differing traits and refuses nothing silently', async () => {
    await renderPanel(undefined, 'en');
    await press(/Enter the identity without a card/);
    fireEvent.change(screen.getByLabelText(/Birth name/), { target: { value: 'Ecetinsi' } });
    fireEvent.change(screen.getByLabelText(/Birth first names/), { target: { value: 'Jean Muriel' } });
    fireEvent.change(screen.getByLabelText(/Birth date/), { target: { value: '2009-07-14' } });
    await press(/Save the traits/);
    await screen.findByText(/PROV · Provisional/, {}, SLOW);
    await press(/Query INSi with the typed traits/);
    await screen.findByText(/Take the INSi traits/, {}, SLOW);
    const row = screen.getByText(/\(differs\)/).closest('tr');
    expect(row?.querySelector('th')?.textContent).toBe('First names (differs)');
    expect(row?.className).toContain('traits-table__row--differs');
    expect(screen.getByText(/PROV · Provisional/)).toBeTruthy();
    await press(/Take the INSi traits/);
    await screen.findByText(/RECUP · Retrieved/, {}, SLOW);
    expect(screen.getByRole('button', { name: /Traits compared: the sources agree/ })).toBeTruthy();
  });
});
