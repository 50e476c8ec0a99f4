// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCards, VirtualReader } from '../../../simulators/cards';
import { ensureCssEscape } from '../../support/css-escape';
import { cachedTestPki } from '../../support/pcsc-virtual';
import { renderApp } from '../../support/render-app';
import { localDay } from '../../../main/session/patient-store';
import { openDeskStore } from '../../support/desk-store';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

/** The patient banner and the practitioner badge on the real service graph (virtual readers, no network). */
const tempDir = useTempDir();
beforeAll(ensureCssEscape);
afterEach(cleanup);

async function renderDesk() {
  const cpsReader = new VirtualReader('Lecteur CPS');
  const services = createTestServices(await tempDir(), { cards: { backend: 'virtual', readers: [cpsReader] } });
  // Started: the store has answered with the day's patients (none here), as a desk does in its first second.
  await services.patients.restored;
  const { client } = await renderApp(services);
  return { client, cpsReader };
}

const banner = (): HTMLElement => screen.getByRole('region', { name: 'Patient en cours' });

describe('patient banner', () => {
  it('says no patient is in context, then shows the one main opened, on every screen', async () => {
    const { client } = await renderDesk();
    expect(within(banner()).getByText('Aucun patient en cours')).toBeTruthy();

    await act(async () => {
      await client.identity.open({
        traits: { birthName: 'Adrtrois', firstNames: ['DOMINIQUE'], sex: 'F', birthDate: '1997-02-26' },
      });
    });
    await waitFor(() => expect(within(banner()).getByText('ADRTROIS DOMINIQUE')).toBeTruthy());
    expect(within(banner()).getByText('né(e) le 26/02/1997')).toBeTruthy();
    expect(within(banner()).getByText('Femme')).toBeTruthy();
    expect(within(banner()).getByText('PROV · Provisoire')).toBeTruthy();
    // Not qualified: no INS shown, and the banner says what that means for the DMP.
    expect(within(banner()).getByText("INS non qualifié : pas d'accès au DMP")).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Documents' }));
    expect(within(banner()).getByText('ADRTROIS DOMINIQUE')).toBeTruthy();
  });

  it('changes patient from the patients of the day, most recent first, and offers a new patient at the desk', async () => {
    const { client } = await renderDesk();
    await act(async () => {
      await client.identity.open({
        traits: { birthName: 'PREMIER', firstNames: ['ANNE'], sex: 'F', birthDate: '1980-01-01' },
      });
      await client.identity.open({
        traits: { birthName: 'SECOND', firstNames: ['BRUNO'], sex: 'M', birthDate: '1970-12-31' },
      });
    });
    await waitFor(() => expect(within(banner()).getByText('SECOND BRUNO')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Documents' }));

    await act(async () => {
      fireEvent.click(within(banner()).getByRole('button', { name: /Changer de patient/ }));
    });
    const menu = await screen.findByRole('menu');
    await waitFor(() => expect(within(menu).getAllByRole('menuitem')).toHaveLength(4));
    const names = within(menu)
      .getAllByRole('menuitem')
      .map((item) => item.textContent);
    expect(names[0]).toMatch(/^SECOND BRUNO · 31\/12\/1970 · PROV \(en cours\)$/);
    expect(names[1]).toMatch(/^PREMIER ANNE · 01\/01\/1980 · PROV$/);
    expect(names[2]).toBe('Nouveau patient (accueil)');
    expect(names[3]).toBe('Oublier un patient du jour…');

    await act(async () => {
      fireEvent.click(within(menu).getByRole('menuitem', { name: /PREMIER ANNE/ }));
    });
    await waitFor(() => expect(within(banner()).getByText('PREMIER ANNE')).toBeTruthy());
    const current = await client.session.current({});
    expect(current.ok && current.value.patient?.family).toBe('PREMIER');

    // "New patient" takes the user to the desk, where a card or the traits open one.
    await act(async () => {
      fireEvent.click(within(banner()).getByRole('button', { name: /Changer de patient/ }));
    });
    await act(async () => {
      fireEvent.click(
        within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Nouveau patient (accueil)' }),
      );
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Accueil du patient');
    await waitFor(() => expect(within(banner()).getByText('Aucun patient en cours')).toBeTruthy());
    const left = await client.session.patients({});
    expect(left.ok && left.value.patients.map((p) => p.family)).toEqual(['PREMIER', 'SECOND']);
  });

  it('keeps the patient in context across screens: back at the desk, the identity is where it was', async () => {
    const { client } = await renderDesk();
    await act(async () => {
      await client.identity.open({
        traits: { birthName: 'RETOUR', firstNames: ['ANNE'], sex: 'F', birthDate: '1980-01-01' },
      });
    });
    const identity = (): HTMLElement => screen.getByRole('region', { name: 'Identité du patient' });
    await waitFor(() => expect(within(identity()).getByText('PROV · Provisoire')).toBeTruthy());
    fireEvent.click(within(identity()).getByText('Passeport', { exact: true }));
    await act(async () => {
      fireEvent.click(within(identity()).getByRole('button', { name: /J'ai vérifié cette pièce/ }));
    });
    await waitFor(() => expect(within(identity()).getByText('VALI · Validée')).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: 'Documents' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accueil' }));
    await waitFor(() => expect(within(identity()).getByText('VALI · Validée')).toBeTruthy());
    expect(within(identity()).getByText(/Pièce vérifiée : Passeport/)).toBeTruthy();
  });
});

/** A qualified patient this desk kept in its store before a restart, with what TD0.2 said 5 minutes ago. */
async function keptQualifiedPatient(dir: string): Promise<string> {
  const patientId = '0b9e2a52-5f4e-4c59-9a35-7a4a3a8f0001';
  const traits = { birthName: 'ADRTROIS', firstNames: ['DOMINIQUE'], sex: 'F' as const, birthDate: '1997-02-26' };
  const ins = { nir13: '2970222020778', key: '78', oid: '1.2.250.1.213.1.4.10', kind: 'NIR_TEST', keyValid: true };
  const matricule = { oid: ins.oid, matricule: '297022202077878' };
  const { store } = await openDeskStore(dir);
  await store.call('patientSessions.save', {
    patientId,
    day: localDay(new Date()),
    lastUsedAt: new Date().toISOString(),
    record: JSON.stringify({
      patientId,
      status: 'QUAL',
      attributes: [],
      typed: traits,
      insi: { active: ins, history: [], traits },
      documentCheck: { documentType: 'PASSPORT', checkedOn: '2026-12-06' },
    }),
    beneficiary: null,
    ins: matricule,
  });
  const checkedAt = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
  await store.call('dmpStatus.set', {
    patient: matricule,
    checkedAt,
    status: JSON.stringify({
      existence: 'exists',
      authorization: 'valid',
      treatingPhysician: null,
      oppositions: { breakGlass: false, emergency: false },
      webAccountOpen: null,
      attachedToMes: null,
      closedOn: null,
      checkedAt,
    }),
  });
  await store.close();
  return patientId;
}

describe('patients of the day after a restart', () => {
  it('come back from the store, and the banner says what the DMP answered and how long ago', async () => {
    const dir = await tempDir();
    await keptQualifiedPatient(dir);
    const services = createTestServices(dir);
    await renderApp(services);
    // The store answers in its own time at start (a worker thread opening the encrypted file).
    await act(async () => {
      await services.patients.restored;
    });
    await act(async () => {
      fireEvent.click(within(banner()).getByRole('button', { name: /Changer de patient/ }));
    });
    const menu = await screen.findByRole('menu');
    await act(async () => {
      fireEvent.click(await within(menu).findByRole('menuitem', { name: /ADRTROIS DOMINIQUE/ }));
    });
    await waitFor(() => expect(within(banner()).getByText('ADRTROIS DOMINIQUE')).toBeTruthy());
    expect(within(banner()).getByText('INS 2 97 02 22 020 778 78')).toBeTruthy();
    expect(within(banner()).getByText(/DMP ouvert ·/).textContent).toBe('DMP ouvert · vérifié il y a 5 minutes');
    await services.dispose();
  });

  it('forgets a patient after saying what goes and what stays, and clears the desk', async () => {
    const dir = await tempDir();
    const patientId = await keptQualifiedPatient(dir);
    const services = createTestServices(dir);
    const { client } = await renderApp(services);
    await act(async () => {
      await client.session.selectPatient({ patientId });
    });
    await waitFor(() => expect(within(banner()).getByText('ADRTROIS DOMINIQUE')).toBeTruthy());

    await act(async () => {
      fireEvent.click(within(banner()).getByRole('button', { name: /Changer de patient/ }));
    });
    await act(async () => {
      fireEvent.click(
        within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Oublier un patient du jour…' }),
      );
    });
    const dialog = await screen.findByRole('dialog', { name: 'Oublier un patient du jour' });
    expect(
      within(dialog).getByText(/Le journal des consentements et l'historique des accès sont conservés/),
    ).toBeTruthy();
    await act(async () => {
      fireEvent.click(await within(dialog).findByRole('button', { name: 'Oublier ADRTROIS DOMINIQUE' }));
    });
    const confirm = await screen.findByRole('alertdialog', { name: 'Oublier ADRTROIS DOMINIQUE ?' });
    // Nothing is erased before the confirmation.
    const before = await client.session.patients({});
    expect(before.ok && before.value.patients).toHaveLength(1);
    await act(async () => {
      fireEvent.click(within(confirm).getByRole('button', { name: 'Oublier ce patient' }));
    });
    await waitFor(() =>
      expect(within(confirm).getByRole('status').textContent).toBe(
        'ADRTROIS DOMINIQUE est oublié(e) : 0 document en cache effacé.',
      ),
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(within(banner()).getByText('Aucun patient en cours')).toBeTruthy());
    const after = await client.session.patients({});
    expect(after.ok && after.value.patients).toEqual([]);
    await services.dispose();
    const { store } = await openDeskStore(dir);
    expect(
      await store.call('dmpStatus.get', { patient: { oid: '1.2.250.1.213.1.4.10', matricule: '297022202077878' } }),
    ).toBeUndefined();
    await store.close();
  });
});

describe('practitioner badge', () => {
  it('says a CPS is needed, then shows the holder in words and takes the PIN from any screen', async () => {
    const { cpsReader } = await renderDesk();
    const badge = (): HTMLElement => screen.getByRole('group', { name: 'Professionnel' });
    await waitFor(() => expect(within(badge()).getByText('Aucune carte CPS')).toBeTruthy());

    const { cps } = await createDemoCards({ pki: await cachedTestPki() });
    await act(async () => {
      cpsReader.insert(cps);
    });
    await waitFor(() => expect(within(badge()).getByText('ADEMIS TRAL')).toBeTruthy(), { timeout: 10_000 });
    // The card's codes (profession 10, specialty SM26) in the words of the JDV_J01 value set.
    expect(within(badge()).getByText('Médecin - Qualifié en Médecine Générale (SM)')).toBeTruthy();
    expect(within(badge()).getByText('Code porteur à saisir (3 essais sur 3)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Historique' }));
    await act(async () => {
      fireEvent.click(within(badge()).getByRole('button', { name: 'Saisir le code porteur' }));
    });
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Code porteur (4 chiffres)'), { target: { value: '1234' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Valider' }));
    });
    await waitFor(() => expect(within(badge()).getByText('Code porteur vérifié')).toBeTruthy(), { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Historique des accès');

    // The card pulled: the badge says so at once.
    await act(async () => {
      cpsReader.remove();
    });
    await waitFor(() => expect(within(badge()).getByText('Aucune carte CPS')).toBeTruthy(), { timeout: 10_000 });
  }, 60_000);
});
