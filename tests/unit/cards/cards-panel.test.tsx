// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import { CardsPanel } from '../../../renderer/src/features/cards/CardsPanel';
import { PractitionerBadge } from '../../../renderer/src/features/session/PractitionerBadge';
import { formatBirthDate, formatNir } from '../../../renderer/src/features/cards/format';
import type { BeneficiarySelection } from '../../../renderer/src/features/cards/selection';
import { createDemoCards, VirtualReader } from '../../../simulators/cards';
import { inProcessClient } from '../../support/in-process-client';
import { memoryLogger } from '../../support/memory-logger';
import { renderWithDesk } from '../../support/render-with-desk';
import { cachedTestPki } from '../../support/pcsc-virtual';
import { useTempDir } from '../../support/temp-dir';

// jsdom has no CSS.escape; react-aria's Modal uses it to look up a CSP nonce.
if (typeof globalThis.CSS === 'undefined') {
  Object.assign(globalThis, { CSS: { escape: (value: string) => value.replace(/[^\w-]/g, '\\$&') } });
}

const tempDir = useTempDir();
let services: Services | undefined;
afterEach(async () => {
  cleanup();
  await services?.dispose();
  services = undefined;
});

let demo: Awaited<ReturnType<typeof createDemoCards>>;
beforeAll(async () => {
  demo = await createDemoCards({ pki: await cachedTestPki() });
});

async function renderPanel(onSelect: (selection: BeneficiarySelection | undefined) => void) {
  const readers = [new VirtualReader('Lecteur 1'), new VirtualReader('Lecteur 2')];
  services = createServices({
    userDataDir: await tempDir(),
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.0.0',
    platform: 'linux',
    logger: memoryLogger().logger,
    cards: { backend: 'virtual', readers },
  });
  const client = inProcessClient(services);
  // The header's practitioner badge owns the PIN dialog; the panel's CPS row follows main's session.
  await renderWithDesk(
    client,
    <>
      <PractitionerBadge />
      <CardsPanel onBeneficiarySelected={onSelect} />
    </>,
  );
  return readers;
}

describe('cards panel', () => {
  it('shows readers live, reads the Vitale on insertion and hands the picked beneficiary up', async () => {
    const onSelect = vi.fn<(selection: BeneficiarySelection | undefined) => void>();
    const readers = await renderPanel(onSelect);
    const list = await screen.findByRole('list', { name: 'Lecteurs de cartes' });
    await waitFor(() => expect(within(list).getAllByText('Lecteur vide')).toHaveLength(2));
    act(() => void readers[0]?.insert(demo.vitale));
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(4);
    const lunar = screen.getByTestId('beneficiary-3');
    expect(lunar.textContent).toContain('00/03/1938');
    expect(lunar.textContent).toContain('1 38 03 90 104 027 28');
    fireEvent.click(screen.getByTestId('beneficiary-1'));
    // The reader goes up with the beneficiary: main reads the card in it again, never takes this data back.
    await waitFor(() =>
      expect(onSelect.mock.lastCall?.[0]).toMatchObject({
        reader: 'Lecteur 1',
        beneficiary: { index: 1, firstName: 'GATIEN' },
      }),
    );
    act(() => readers[0]?.remove());
    await waitFor(() => expect(screen.queryAllByRole('option')).toHaveLength(0));
  });

  it('shows the CPS holder and the tries left, and follows the PIN typed in the header dialog', async () => {
    const readers = await renderPanel(() => undefined);
    act(() => void readers[1]?.insert(demo.cps));
    expect((await screen.findByTestId('cps-holder')).textContent).toContain('ADEMIS TRAL');
    await waitFor(() => expect(screen.getByTestId('cps-pin').textContent).toContain('3 sur 3'));
    fireEvent.click(screen.getByRole('button', { name: 'Saisir le code porteur' }));
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByLabelText('Code porteur (4 chiffres)');
    fireEvent.change(field, { target: { value: '9999' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Valider' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').dataset['errorCode']).toBe('PIN_WRONG'));
    expect((field as HTMLInputElement).value).toBe('');
    expect(within(dialog).getByTestId('pin-tries').textContent).toContain('2');
    fireEvent.change(field, { target: { value: '1234' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Valider' }));
    await waitFor(() => expect(screen.getByTestId('cps-pin').textContent).toContain('Code porteur vérifié'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says clearly that a Vitale 1 is not supported', async () => {
    const readers = await renderPanel(() => undefined);
    const vitale1 = Object.assign(Object.create(demo.vitale) as typeof demo.vitale, {
      atr: Uint8Array.from(Buffer.from('3F65250052096A9000', 'hex')),
    });
    act(() => void readers[0]?.insert(vitale1));
    expect((await screen.findByRole('alert')).dataset['errorCode']).toBe('CARD_UNSUPPORTED');
  });
});

describe('card display formats', () => {
  it('keeps lunar dates as printed and groups the NIR like the card', () => {
    expect(formatBirthDate('19380300')).toBe('00/03/1938');
    expect(formatBirthDate('1938')).toBe('1938');
    expect(formatNir('180032B02040123')).toBe('1 80 03 2B 020 401 23');
    expect(formatNir('bad')).toBe('bad');
  });
});
