// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DepositTypeOffer } from '../../../../shared/api';
import { DocumentsList } from '../../../../renderer/src/features/documents/DocumentsList';
import { CONSULTATION, useScreenHarness } from '../../../support/screen-harness';

/** The list's filters on the real service graph and the DMP simulator: the registry answers each one. */
const desk = useScreenHarness();
const RUN = Date.now().toString(36);
const CONSULT_TITLE = `Filtre consultation ${RUN}`;
const OTHER_TITLE = `Filtre autre type ${RUN}`;
let other: DepositTypeOffer;

beforeAll(async () => {
  const offer = await desk.client.documents.depositTypes({});
  if (!offer.ok) throw new Error(offer.error.code);
  const found = offer.value.types.find((type) => type.common && type.code !== CONSULTATION.code);
  if (found === undefined) throw new Error('no second common type in the offer');
  other = found;
  for (const [title, type, visibility] of [
    [CONSULT_TITLE, CONSULTATION, ['MASQUE_PS'] as const],
    [OTHER_TITLE, other, [] as const],
  ] as const) {
    const result = await desk.client.documents.deposit({
      patientId: desk.patient.patientId,
      title,
      type: { code: type.code, codeSystem: type.codeSystem, displayName: type.displayName },
      pdfBase64: Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`, 'latin1').toString('base64'),
      visibility: [...visibility],
    });
    if (!result.ok) throw new Error(result.error.code);
  }
}, 60_000);

const listed = async (): Promise<string[]> => {
  const list = screen.getByRole('region', { name: 'Documents du dossier' });
  await waitFor(() => expect(within(list).queryByRole('status')).toBeNull(), { timeout: 20_000 });
  return within(list)
    .queryAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '')
    .filter((text) => text.includes(RUN));
};

describe('documents list filters', () => {
  it('filters on type, masking and creation dates through the registry', async () => {
    await desk.mount(<DocumentsList patientId={desk.patient.patientId} reloadKey={0} onOpen={() => undefined} />);
    await waitFor(async () => expect(await listed()).toHaveLength(2), { timeout: 20_000 });

    // Type: only the other type's document.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Type de document/ }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('listbox')).getByRole('option', { name: other.displayName }));
    });
    await waitFor(async () => expect(await listed()).toEqual([OTHER_TITLE]), { timeout: 20_000 });

    // Back to every type, masked only: the consultation, deposited masked.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Type de document/ }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'Tous les types' }));
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Seulement les documents masqués aux professionnels' }));
    await waitFor(async () => expect((await listed())[0]).toContain(CONSULT_TITLE), { timeout: 20_000 });
    expect(await listed()).toHaveLength(1);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Seulement les documents masqués aux professionnels' }));

    // Created until yesterday: neither of today's deposits.
    const day = (offsetDays: number): string =>
      new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    typeDay(/^Créés jusqu'au/, day(-1));
    await waitFor(async () => expect(await listed()).toEqual([]), { timeout: 20_000 });
    // From today: both again.
    typeDay(/^Créés jusqu'au/, '');
    typeDay(/^Créés à partir du/, day(0));
    await waitFor(async () => expect(await listed()).toHaveLength(2), { timeout: 20_000 });

    // Deposited or changed since tomorrow: nothing yet (submission date, through FindSubmissionSets).
    typeDay(/^Créés à partir du/, '');
    typeDay(/^Déposés ou modifiés depuis le/, day(1));
    await waitFor(async () => expect(await listed()).toEqual([]), { timeout: 20_000 });
    typeDay(/^Déposés ou modifiés depuis le/, day(0));
    await waitFor(async () => expect(await listed()).toHaveLength(2), { timeout: 20_000 });
  }, 90_000);
});

/** A day typed as the user types it (JJ/MM/AAAA), read when the field is left. */
function typeDay(label: RegExp, iso: string): void {
  const field = screen.getByLabelText(label);
  const [year, month, dayOfMonth] = iso.split('-');
  fireEvent.change(field, { target: { value: iso === '' ? '' : `${dayOfMonth}/${month}/${year}` } });
  fireEvent.blur(field);
}
