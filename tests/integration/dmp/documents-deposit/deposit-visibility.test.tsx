// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DepositForm } from '../../../../renderer/src/features/documents/DepositForm';
import { useScreenHarness } from '../../../support/screen-harness';

/** Deposit options on the real service graph and the DMP simulator: what is ticked is what the DMP stores. */
const desk = useScreenHarness();

async function depositWith(title: string, tick: readonly (string | RegExp)[]): Promise<void> {
  await desk.mount(<DepositForm patient={desk.patient} onDeposited={() => undefined} />);
  const file = new File([`%PDF-1.4\n% ${title} ${Date.now()}\n%%EOF\n`], 'cr.pdf', { type: 'application/pdf' });
  await act(async () => {
    fireEvent.change(screen.getByLabelText('Fichier PDF'), { target: { files: [file] } });
  });
  // The chosen file is said next to the field (a dropped file leaves the native input empty).
  await screen.findByText(/Fichier choisi : cr\.pdf/);
  fireEvent.change(screen.getByLabelText(/Titre du document/), { target: { value: title } });
  for (const name of tick) fireEvent.click(screen.getByRole('checkbox', { name }));
  fireEvent.click(screen.getByRole('button', { name: 'Vérifier avant dépôt' }));
}

const HIDE_PATIENT = /Rendre invisible au patient/;
const HIDE_REPRESENTATIVES = 'Rendre invisible aux représentants légaux du patient';

describe('deposit visibility options', () => {
  it('hides a new document from the patient and the legal representatives, as the preview said', async () => {
    await depositWith('CR avant annonce', [HIDE_PATIENT, HIDE_REPRESENTATIVES]);
    const preview = screen.getByRole('group', { name: 'Ce qui sera déposé' });
    expect(within(preview).getByText('Invisible pour le patient')).toBeTruthy();
    expect(within(preview).getByText('Invisible pour les représentants légaux')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Signer et déposer' }));
    });
    await screen.findByText('Déposé dans le DMP.', undefined, { timeout: 20_000 });

    const listed = await desk.client.documents.search({
      patientId: desk.patient.patientId,
      statuses: ['approved'],
    });
    if (!listed.ok) throw new Error(listed.error.code);
    const stored = listed.value.documents.find((d) => d.title === 'CR avant annonce');
    expect(stored?.visibility.slice().sort()).toEqual(['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX']);
    expect(stored?.maskedToProfessionals).toBe(false);
    // The form is empty again for the next deposit.
    await waitFor(() =>
      expect(screen.getByRole<HTMLInputElement>('checkbox', { name: HIDE_PATIENT }).checked).toBe(false),
    );
  }, 60_000);

  it('deposits a plain document with no visibility code when nothing is ticked', async () => {
    await depositWith('CR visible', []);
    const preview = screen.getByRole('group', { name: 'Ce qui sera déposé' });
    expect(within(preview).queryByText('Invisible pour le patient')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Signer et déposer' }));
    });
    await screen.findByText('Déposé dans le DMP.', undefined, { timeout: 20_000 });
    const listed = await desk.client.documents.search({
      patientId: desk.patient.patientId,
      statuses: ['approved'],
    });
    if (!listed.ok) throw new Error(listed.error.code);
    expect(listed.value.documents.find((d) => d.title === 'CR visible')?.visibility).toEqual([]);
  }, 60_000);
});
