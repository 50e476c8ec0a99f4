// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../../shared/api';
import { DepositForm } from '../../../../renderer/src/features/documents/DepositForm';
import { DocumentsList } from '../../../../renderer/src/features/documents/DocumentsList';
import { CONSULTATION, useScreenHarness } from '../../../support/screen-harness';

/**
 * The per-row actions menu and its confirmation dialog on the real service graph and the DMP
 * simulator; only the DOM is jsdom. Each action is checked by what the DMP then answers.
 */
const pdf = (label: string): string =>
  Buffer.from(`%PDF-1.4\n% ${label} ${Math.random()}\ntrailer<<>>\n%%EOF\n`, 'latin1').toString('base64');

const desk = useScreenHarness();
const { mount } = desk;
/** LAURENCE PATB-QUATRE, qualified at the desk: every call names her by her patientId. */
const patientId = (): string => desk.patient.patientId;
const approved = (uniqueId: string): Promise<DocumentSummary | undefined> => desk.approved(patientId(), uniqueId);

async function deposit(title: string): Promise<string> {
  const result = await desk.client.documents.deposit({
    patientId: patientId(),
    title,
    type: CONSULTATION,
    pdfBase64: pdf(title),
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.uniqueId;
}

const rowOf = async (title: string): Promise<HTMLElement> => {
  const cell = await screen.findByText(title, undefined, { timeout: 20_000 });
  const row = cell.closest('tr');
  if (row === null) throw new Error('no row');
  return row;
};

/** Opens the row's menu and answers the labels it offers. */
async function openMenu(title: string): Promise<string[]> {
  const row = await rowOf(title);
  await act(async () => {
    fireEvent.click(within(row).getByRole('button', { name: `Actions sur « ${title} »` }));
  });
  const menu = await screen.findByRole('menu');
  return within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '');
}

async function choose(label: string): Promise<HTMLElement> {
  await act(async () => {
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: label }));
  });
  return screen.findByRole('alertdialog');
}

describe('document actions in the list', () => {
  it('offers what the status allows, masks after saying what it means, then unmasks', async () => {
    const uniqueId = await deposit('CR à masquer');
    await mount(<DocumentsList patientId={patientId()} reloadKey={0} onOpen={() => undefined} onReplace={() => {}} />);
    expect(await openMenu('CR à masquer')).toEqual([
      'Remplacer par une nouvelle version…',
      'Masquer aux professionnels…',
      'Rendre invisible au patient…',
      'Rendre invisible aux représentants légaux…',
      'Archiver…',
      'Supprimer…',
    ]);
    const dialog = await choose('Masquer aux professionnels…');
    expect(dialog.textContent).toContain('que par son auteur et par le médecin traitant');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Masquer' }));
    });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), { timeout: 20_000 });
    await waitFor(
      async () => expect(within(await rowOf('CR à masquer')).queryByText('Masqué aux professionnels')).not.toBeNull(),
      {
        timeout: 20_000,
      },
    );
    expect((await approved(uniqueId))?.visibility).toEqual(['MASQUE_PS']);
    // The row it started from is gone (new version): focus lands on the list's heading, not the page.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Documents du dossier'));

    expect(await openMenu('CR à masquer')).toContain('Démasquer aux professionnels…');
    const unmask = await choose('Démasquer aux professionnels…');
    await act(async () => {
      fireEvent.click(within(unmask).getByRole('button', { name: 'Démasquer' }));
    });
    await waitFor(async () => expect((await approved(uniqueId))?.visibility).toEqual([]), { timeout: 20_000 });
    await waitFor(async () => expect(within(await rowOf('CR à masquer')).queryByRole('listitem')).toBeNull(), {
      timeout: 20_000,
    });
  }, 60_000);

  it('deletes only after a warning that it is for everyone, and the row leaves the list', async () => {
    const uniqueId = await deposit('CR à supprimer');
    await mount(<DocumentsList patientId={patientId()} reloadKey={0} onOpen={() => undefined} />);
    expect(await openMenu('CR à supprimer')).not.toContain('Remplacer par une nouvelle version…');
    const dialog = await choose('Supprimer…');
    expect(dialog.textContent).toContain('disparaîtra du DMP pour tout le monde');
    // Cancelling changes nothing.
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await approved(uniqueId)).toBeDefined();

    await openMenu('CR à supprimer');
    const again = await choose('Supprimer…');
    await act(async () => {
      fireEvent.click(within(again).getByRole('button', { name: 'Supprimer définitivement' }));
    });
    await waitFor(() => expect(screen.queryByText('CR à supprimer')).toBeNull(), { timeout: 20_000 });
    expect(await approved(uniqueId)).toBeUndefined();
  }, 60_000);

  it('says an archive the DMP did not receive yet is kept for later, and the list keeps the document active', async () => {
    const uniqueId = await deposit('CR à archiver plus tard');
    await mount(<DocumentsList patientId={patientId()} reloadKey={0} onOpen={() => undefined} />);
    await openMenu('CR à archiver plus tard');
    const dialog = await choose('Archiver…');
    // The registry out of reach: the change needs nothing from it, so the outbox keeps it.
    desk.simulator.setFaults({ registry: { drop: true } });
    try {
      await act(async () => {
        fireEvent.click(within(dialog).getByRole('button', { name: 'Archiver' }));
      });
      const status = await within(dialog).findByText(/le changement sera envoyé au DMP/, undefined, {
        timeout: 20_000,
      });
      expect(status.closest('[role="status"]')).not.toBeNull();
      await act(async () => {
        fireEvent.click(within(dialog).getByRole('button', { name: 'Fermer' }));
      });
      expect(screen.queryByRole('alertdialog')).toBeNull();
      // Read again (from the desk's copy while the DMP is out of reach): still active, as the DMP has it.
      await waitFor(
        async () => expect(within(await rowOf('CR à archiver plus tard')).queryByText('Actif')).not.toBeNull(),
        {
          timeout: 20_000,
        },
      );
    } finally {
      desk.simulator.setFaults({});
    }
    // Delivered by the engine once the DMP answers again.
    await waitFor(async () => expect(await approved(uniqueId)).toBeUndefined(), { timeout: 30_000 });
  }, 60_000);

  it('shows the typed error in the dialog when the row is stale, and keeps the dialog open', async () => {
    const uniqueId = await deposit('CR périmé');
    await mount(<DocumentsList patientId={patientId()} reloadKey={0} onOpen={() => undefined} />);
    await rowOf('CR périmé');
    // Changed elsewhere after the list was read: the row still names the old version.
    const current = await approved(uniqueId);
    if (current === undefined) throw new Error('not listed');
    expect(
      (
        await desk.client.documents.setVisibility({
          patientId: patientId(),
          entryUuid: current.entryUuid,
          add: ['INVISIBLE_PATIENT'],
        })
      ).ok,
    ).toBe(true);

    await openMenu('CR périmé');
    const dialog = await choose('Masquer aux professionnels…');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Masquer' }));
    });
    await within(dialog).findByText(/a été modifié ou remplacé depuis l'affichage de la liste/, undefined, {
      timeout: 20_000,
    });
    expect(within(dialog).getByRole('button', { name: 'Fermer' })).toBeTruthy();
    expect((await approved(uniqueId))?.visibility).toEqual(['INVISIBLE_PATIENT']);
  }, 60_000);

  it('replace: the row hands the document to the deposit form, which deposits a new version still hidden from the patient', async () => {
    const uniqueId = await deposit('CR à remplacer');
    const hidden = await approved(uniqueId);
    if (hidden === undefined) throw new Error('not listed');
    const hide = await desk.client.documents.setVisibility({
      patientId: patientId(),
      entryUuid: hidden.entryUuid,
      add: ['INVISIBLE_PATIENT'],
    });
    expect(hide.ok).toBe(true);
    let chosen: DocumentSummary | undefined;
    await mount(
      <DocumentsList patientId={patientId()} reloadKey={0} onOpen={() => undefined} onReplace={(d) => (chosen = d)} />,
    );
    await openMenu('CR à remplacer');
    await act(async () => {
      fireEvent.click(
        within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Remplacer par une nouvelle version…' }),
      );
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    if (chosen === undefined) throw new Error('replace not handed over');
    expect(chosen.uniqueId).toBe(uniqueId);
    cleanup();

    let deposited = 0;
    await mount(<DepositForm patient={desk.patient} replaces={chosen} onDeposited={() => (deposited += 1)} />);
    expect(screen.getByText('Remplace : CR à remplacer')).toBeTruthy();
    expect(screen.getByText("Comme l'ancienne, la nouvelle version restera : Invisible pour le patient.")).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/Titre du document/).value).toBe('CR à remplacer');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Fichier PDF'), {
        target: { files: [new File([Buffer.from(pdf('v2'), 'base64')], 'v2.pdf', { type: 'application/pdf' })] },
      });
    });
    fireEvent.change(screen.getByLabelText(/Titre du document/), { target: { value: 'CR remplacé v2' } });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Vérifier avant dépôt' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier avant dépôt' }));
    expect(within(screen.getByRole('group', { name: 'Ce qui sera déposé' })).getByText('CR à remplacer')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Signer et déposer' }));
    });
    await screen.findByText('Déposé dans le DMP.', undefined, { timeout: 20_000 });
    expect(deposited).toBe(1);
    expect(await approved(uniqueId)).toBeUndefined();
    const found = await desk.client.documents.search({ patientId: patientId(), statuses: ['deprecated'] });
    expect(found.ok && found.value.documents.some((d) => d.uniqueId === uniqueId)).toBe(true);
    const now = await desk.client.documents.search({ patientId: patientId() });
    if (!now.ok) throw new Error(now.error.code);
    expect(now.value.documents.find((d) => d.title === 'CR remplacé v2')?.visibility).toEqual(['INVISIBLE_PATIENT']);
  }, 60_000);
});
