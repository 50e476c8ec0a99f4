// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCards, VirtualCps3, VirtualReader } from '../../../simulators/cards';
import { ensureCssEscape } from '../../support/css-escape';
import { cachedTestPki } from '../../support/pcsc-virtual';
import { renderApp } from '../../support/render-app';
import { createTestServices } from '../../support/test-services';
import { useTempDir } from '../../support/temp-dir';

/** The session lock on the real service graph (virtual readers, no network). */
const tempDir = useTempDir();
beforeAll(ensureCssEscape);
afterEach(cleanup);

const LOCK = 'Session verrouillée : la carte CPS a été retirée';
const lock = (): HTMLElement | null => screen.queryByRole('alertdialog', { name: LOCK });
const badge = (): HTMLElement => screen.getByRole('group', { name: 'Professionnel' });

async function typePin(container: HTMLElement, pin: string, submit: string): Promise<void> {
  fireEvent.change(within(container).getByLabelText('Code porteur (4 chiffres)'), { target: { value: pin } });
  await act(async () => {
    fireEvent.click(within(container).getByRole('button', { name: submit }));
  });
}

describe('session lock', () => {
  it('locks when the CPS in use is pulled, asks the PIN once it is back, unlocks only when it is right', async () => {
    const cpsReader = new VirtualReader('Lecteur CPS');
    const services = createTestServices(await tempDir(), { cards: { backend: 'virtual', readers: [cpsReader] } });
    await renderApp(services);
    const { cps } = await createDemoCards({ pki: await cachedTestPki() });
    await act(async () => {
      cpsReader.insert(cps);
    });
    // A card inserted and its PIN not typed yet: nothing is locked, nobody was working.
    await waitFor(() => expect(within(badge()).getByText('ADEMIS TRAL')).toBeTruthy(), { timeout: 10_000 });
    expect(lock()).toBeNull();
    fireEvent.click(within(badge()).getByRole('button', { name: 'Saisir le code porteur' }));
    await typePin(await screen.findByRole('dialog'), '1234', 'Valider');
    await waitFor(() => expect(within(badge()).getByText('Code porteur vérifié')).toBeTruthy(), { timeout: 10_000 });

    await act(async () => {
      cpsReader.remove();
    });
    await waitFor(() => expect(lock()).not.toBeNull(), { timeout: 10_000 });
    expect(lock()?.textContent).toContain('La carte CPS (ADEMIS TRAL) a été retirée du lecteur.');
    expect(lock()?.textContent).toContain('réinsérez la carte CPS');
    // The desk behind is there, untouched, and out of reach.
    expect(screen.getByRole('navigation').closest('[inert]')).not.toBeNull();
    expect(lock()?.closest('[inert]')).toBeNull();

    await act(async () => {
      cpsReader.insert(cps);
    });
    await waitFor(() => expect(within(lock()!).getByLabelText('Code porteur (4 chiffres)')).toBeTruthy(), {
      timeout: 10_000,
    });
    expect(lock()?.textContent).toContain('Essais restants : 3 sur 3');
    await typePin(lock()!, '0000', 'Déverrouiller');
    await waitFor(() => expect(lock()?.textContent).toContain('Code porteur erroné.'), { timeout: 10_000 });
    await waitFor(() => expect(lock()?.textContent).toContain('Essais restants : 2 sur 3'));
    await typePin(lock()!, '1234', 'Déverrouiller');
    await waitFor(() => expect(lock()).toBeNull(), { timeout: 10_000 });
    expect(screen.getByRole('navigation').closest('[inert]')).toBeNull();
  }, 60_000);
});

/** Opens the identity form of the desk and types a name in its first field. */
function typeSomething(text: string): void {
  fireEvent.click(screen.getByRole('button', { name: "Saisir l'identité sans carte" }));
  fireEvent.change(within(screen.getByRole('main')).getAllByRole('textbox')[0]!, { target: { value: text } });
  expect(screen.getByDisplayValue(text)).toBeTruthy();
}

/** The demo CPS inserted, its PIN typed, 'DUPONT' half typed on the desk, then the card pulled: the desk locks. */
async function workThenPull(cpsReader: VirtualReader, cps: VirtualCps3): Promise<void> {
  await act(async () => {
    cpsReader.insert(cps);
  });
  await waitFor(() => expect(within(badge()).getByText('ADEMIS TRAL')).toBeTruthy(), { timeout: 10_000 });
  fireEvent.click(within(badge()).getByRole('button', { name: 'Saisir le code porteur' }));
  await typePin(await screen.findByRole('dialog'), '1234', 'Valider');
  await waitFor(() => expect(within(badge()).getByText('Code porteur vérifié')).toBeTruthy(), { timeout: 10_000 });
  typeSomething('DUPONT');
  await act(async () => {
    cpsReader.remove();
  });
  await waitFor(() => expect(lock()).not.toBeNull(), { timeout: 10_000 });
}

describe('session lock handed over to another professional', () => {
  it('says so while locked, and unlocked by the other card mounts the screens afresh: nothing typed is carried over', async () => {
    const cpsReader = new VirtualReader('Lecteur CPS');
    const services = createTestServices(await tempDir(), { cards: { backend: 'virtual', readers: [cpsReader] } });
    await renderApp(services);
    const pki = await cachedTestPki();
    const { cps } = await createDemoCards({ pki });
    const colleague = { nationalId: '899900012345', lastName: 'MARTIN', firstName: 'CLAIRE', profession: '10' };
    const other = new VirtualCps3({ holder: { ...colleague, specialty: 'SM26' }, ...(await pki.issueCps(colleague)) });
    // Something half typed on the desk by the first holder, then the card pulled.
    await workThenPull(cpsReader, cps);
    await act(async () => {
      cpsReader.insert(other);
    });
    await waitFor(() => expect(lock()?.textContent).toContain("celle d'un autre professionnel (CLAIRE MARTIN)"), {
      timeout: 10_000,
    });
    expect(lock()?.textContent).toContain('la session de ADEMIS TRAL est fermée');
    expect(lock()?.textContent).not.toContain('est conservé derrière ce verrou');
    await typePin(lock()!, '1234', 'Déverrouiller');
    await waitFor(() => expect(lock()).toBeNull(), { timeout: 10_000 });
    await waitFor(() => expect(within(badge()).getByText('CLAIRE MARTIN')).toBeTruthy());
    expect(screen.queryByDisplayValue('DUPONT')).toBeNull();
  }, 60_000);

  it('keeps what was typed when the same card comes back', async () => {
    const cpsReader = new VirtualReader('Lecteur CPS');
    const services = createTestServices(await tempDir(), { cards: { backend: 'virtual', readers: [cpsReader] } });
    await renderApp(services);
    const { cps } = await createDemoCards({ pki: await cachedTestPki() });
    await workThenPull(cpsReader, cps);
    await act(async () => {
      cpsReader.insert(cps);
    });
    await waitFor(() => expect(within(lock()!).getByLabelText('Code porteur (4 chiffres)')).toBeTruthy(), {
      timeout: 10_000,
    });
    await typePin(lock()!, '1234', 'Déverrouiller');
    await waitFor(() => expect(lock()).toBeNull(), { timeout: 10_000 });
    expect(screen.getByDisplayValue('DUPONT')).toBeTruthy();
  }, 60_000);
});
