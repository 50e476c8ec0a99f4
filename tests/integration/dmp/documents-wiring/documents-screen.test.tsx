// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { DepositForm } from '../../../../renderer/src/features/documents/DepositForm';
import { DocumentsList } from '../../../../renderer/src/features/documents/DocumentsList';
import { DocumentViewer } from '../../../../renderer/src/features/documents/DocumentViewer';
import { DocumentsScreen } from '../../../../renderer/src/screens/DocumentsScreen';
import { CONSULTATION, useScreenHarness } from '../../../support/screen-harness';

/** The Documents screen's parts on the real service graph and the DMP simulator; only the DOM is jsdom. */
const PDF_TEXT = `%PDF-1.4\n% screen test ${Date.now()}\ntrailer<<>>\n%%EOF\n`;

const desk = useScreenHarness();
const { mount } = desk;
const blobs = new Map<string, Blob>();

beforeAll(() => {
  // jsdom has no blob: URLs; the viewer's frame source is recorded so the test can read the bytes shown.
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void blobs.delete(url);
});

describe('Documents screen', () => {
  it('says why it is empty when the patient in context is not qualified, and follows the desk back to a qualified one', async () => {
    // A new patient at the desk, identity still provisional: main puts them in context.
    const opened = await desk.client.identity.open({
      traits: { birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1990-01-01' },
    });
    if (!opened.ok) throw new Error(opened.error.code);
    try {
      await mount(<DocumentsScreen />);
      await screen.findByText('Aucun DMP ouvert.');
      expect(screen.queryByRole('table')).toBeNull();
      expect(screen.queryByText(/Documents de/)).toBeNull();

      // Back to the qualified patient (session.selectPatient): the screen follows session.changed.
      await act(async () => {
        const selected = await desk.client.session.selectPatient({ patientId: desk.patient.patientId });
        if (!selected.ok) throw new Error(selected.error.code);
      });
      await screen.findByText('Documents de LAURENCE PATB-QUATRE');
      expect(screen.queryByText('Aucun DMP ouvert.')).toBeNull();
      expect(await screen.findByRole('region', { name: 'Documents du dossier' })).toBeTruthy();
    } finally {
      // The other tests work for the harness's patient: leave her in context whatever happened.
      await desk.client.session.selectPatient({ patientId: desk.patient.patientId });
    }
  }, 30_000);

  it('forgets a replacement in progress when the desk moves to another patient', async () => {
    const deposited = await desk.client.documents.deposit({
      patientId: desk.patient.patientId,
      title: 'CR du patient précédent',
      type: CONSULTATION,
      pdfBase64: Buffer.from(PDF_TEXT, 'latin1').toString('base64'),
    });
    if (!deposited.ok) throw new Error(deposited.error.code);
    await mount(<DocumentsScreen />);
    const row = (await screen.findByText('CR du patient précédent', undefined, { timeout: 20_000 })).closest('tr');
    if (row === null) throw new Error('no row');
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Actions sur « CR du patient précédent »' }));
    });
    await act(async () => {
      fireEvent.click(
        within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Remplacer par une nouvelle version…' }),
      );
    });
    await screen.findByText('Remplace : CR du patient précédent');

    const other = await desk.client.identity.open({
      traits: { birthName: 'ADRDEUX', firstNames: ['LEA'], sex: 'F', birthDate: '1991-02-02' },
    });
    if (!other.ok) throw new Error(other.error.code);
    try {
      await screen.findByText('Aucun DMP ouvert.');
    } finally {
      await act(async () => {
        await desk.client.session.selectPatient({ patientId: desk.patient.patientId });
      });
    }
    await screen.findByText('Documents de LAURENCE PATB-QUATRE');
    // Back at the first patient, the screen starts afresh: no replacement left half-done from before.
    expect(screen.queryByText('Remplace : CR du patient précédent')).toBeNull();
  }, 60_000);

  it('deposits a PDF after a metadata preview, and the list shows it, masked', async () => {
    let deposited = 0;
    await mount(<DepositForm patient={desk.patient} onDeposited={() => (deposited += 1)} />);
    const input = screen.getByLabelText('Fichier PDF');
    const file = new File([PDF_TEXT], 'compte-rendu.pdf', { type: 'application/pdf' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>(/Titre du document/).value).toBe('compte-rendu'),
    );
    fireEvent.change(screen.getByLabelText(/Titre du document/), { target: { value: 'CR écran' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Masquer aux autres professionnels de santé' }));
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier avant dépôt' }));
    const preview = screen.getByRole('group', { name: 'Ce qui sera déposé' });
    expect(within(preview).getByText('CR écran')).toBeTruthy();
    expect(within(preview).getByText('LAURENCE PATB-QUATRE')).toBeTruthy();
    expect(within(preview).getByText('Masqué aux professionnels')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Signer et déposer' }));
    });
    await screen.findByText('Déposé dans le DMP.', undefined, { timeout: 20_000 });
    expect(deposited).toBe(1);

    cleanup();
    await mount(<DocumentsList patientId={desk.patient.patientId} reloadKey={0} onOpen={() => undefined} />);
    const row = (await screen.findByText('CR écran', undefined, { timeout: 20_000 })).closest('tr');
    if (row === null) throw new Error('no row');
    // The type's name is the DMP value set's (JDV_J07), as the form offered it.
    expect(within(row).getByText('CR ou fiche de consultation ou de visite')).toBeTruthy();
    expect(within(row).getByText('Masqué aux professionnels')).toBeTruthy();
    expect(within(row).getByText('Actif')).toBeTruthy();

    // TD3.3: archived from the row's menu, once confirmed, it leaves the current documents.
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Actions sur « CR écran »' }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Archiver…' }));
    });
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Archiver' }));
    });
    await waitFor(() => expect(screen.queryByText('CR écran')).toBeNull(), { timeout: 20_000 });
    fireEvent.click(screen.getByRole('radio', { name: 'Archivé' }));
    await screen.findByText('CR écran', undefined, { timeout: 20_000 });
  }, 60_000);

  it('refuses a file that is not a PDF before anything is sent', async () => {
    await mount(<DepositForm patient={desk.patient} onDeposited={() => undefined} />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Fichier PDF'), {
        target: { files: [new File(['<html></html>'], 'x.pdf', { type: 'application/pdf' })] },
      });
    });
    await screen.findByText("Ce fichier n'est pas un PDF.");
    expect(screen.getByRole('button', { name: 'Vérifier avant dépôt' }).hasAttribute('disabled')).toBe(true);
  });

  it('opens a document: the frame shows the very PDF bytes retrieved from the DMP', async () => {
    const deposited = await desk.client.documents.deposit({
      patientId: desk.patient.patientId,
      title: 'CR à lire',
      type: CONSULTATION,
      pdfBase64: Buffer.from(PDF_TEXT, 'latin1').toString('base64'),
    });
    if (!deposited.ok) throw new Error(deposited.error.code);
    const document = await desk.approved(desk.patient.patientId, deposited.value.uniqueId);
    if (document === undefined) throw new Error('deposit not found');
    await mount(<DocumentViewer patientId={desk.patient.patientId} document={document} onClose={() => undefined} />);
    const frame = await screen.findByTitle('CR à lire', undefined, { timeout: 20_000 });
    const src = frame.getAttribute('src') ?? '';
    const blob = blobs.get(src);
    expect(blob?.type).toBe('application/pdf');
    expect(await blob?.text()).toBe(PDF_TEXT);
  }, 30_000);
});
