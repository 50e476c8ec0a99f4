import { expect, test, type Page } from '@playwright/test';
import {
  admitAuthorizedTrainingPatient,
  axeViolations,
  depositPdf,
  documentAction,
  navigateTo,
  openDocuments,
  pdfBytes,
  pickExercise,
  qualifyWithVitale,
  region,
  typePinInDialog,
  withTrainingDesk,
} from './support/flows';

/**
 * The consultation, in training mode and only through the UI: the PIN asked where the doctor is
 * (a wrong one, then the right one) and the call going on by itself; the Documents list searched
 * and filtered; a PDF deposited, masked, unmasked, replaced, archived and deleted, every action
 * confirmed in its dialog first; and the CPS pulled in the middle of a deposit, then put back,
 * without losing what was typed.
 */
const FIRST = 'Actions e2e premier';
const SECOND = 'Actions e2e remplaçant';

test('deposit → mask → unmask → replace → delete, through the Documents list', async ({ page }) => {
  test.setTimeout(180_000);
  await withTrainingDesk(page, async () => {
    // Same admission as the training desk: Vitale, INSi, document check, CPS + PIN, authorization.
    await admitAuthorizedTrainingPatient(page);

    const list = await openDocuments(page);
    const deposit = region(page, 'Déposer un document');
    await depositPdf(page, { title: FIRST, fileName: 'a.pdf', pdf: pdfBytes('a') });
    const first = list.getByRole('row', { name: new RegExp(FIRST) });
    await expect(first).toBeVisible({ timeout: 15_000 });
    await expect(first.getByText('Masqué aux professionnels')).toHaveCount(0);

    // TD3.3a: masked, the row says so; the dialog said who still sees it.
    await list.getByRole('button', { name: `Actions sur « ${FIRST} »` }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await axeViolations(page, '.documents-menu-popover')).toEqual([]);
    await page.getByRole('menu').getByRole('menuitem', { name: 'Masquer aux professionnels…' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('médecin traitant');
    expect(await axeViolations(page, '.documents-confirm')).toEqual([]);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler' }).click();
    await documentAction(page, FIRST, 'Masquer aux professionnels…', 'Masquer');
    await expect(first.getByText('Masqué aux professionnels')).toBeVisible({ timeout: 15_000 });
    expect(await axeViolations(page, '.documents-table')).toEqual([]);
    await page.screenshot({ path: 'test-results/documents-actions-masked.png', fullPage: true });

    // TD3.3b: unmasked, the marker goes.
    // Keyboard only: the menu opens on Enter with its first item focused, arrows move, Enter chooses.
    await list.getByRole('button', { name: `Actions sur « ${FIRST} »` }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Démasquer aux professionnels…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const unmask = page.getByRole('alertdialog');
    await expect(unmask).toContainText('Tous les professionnels autorisés');
    await unmask.getByRole('button', { name: 'Démasquer', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(unmask).toBeHidden({ timeout: 30_000 });
    await expect(first.getByText('Masqué aux professionnels')).toHaveCount(0, { timeout: 15_000 });

    // RPLC: the deposit form in replace mode, title prefilled, then the new version is the current one.
    await list.getByRole('button', { name: `Actions sur « ${FIRST} »` }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Remplacer par une nouvelle version…' }).click();
    await expect(deposit.getByText(new RegExp(`Remplace : ${FIRST}`))).toBeVisible();
    await expect(deposit.getByLabel(/Titre du document/)).toHaveValue(FIRST);
    await depositPdf(page, { title: SECOND, fileName: 'b.pdf', pdf: pdfBytes('b'), previewContains: FIRST });
    const second = list.getByRole('row', { name: new RegExp(SECOND) });
    await expect(second).toBeVisible({ timeout: 15_000 });
    await expect(first).toHaveCount(0);
    await list.getByRole('radiogroup', { name: 'Statut' }).getByText('Obsolète', { exact: true }).click();
    await expect(list.getByRole('row', { name: new RegExp(FIRST) }).first()).toBeVisible({ timeout: 15_000 });
    await expect(list.getByRole('button', { name: `Actions sur « ${FIRST} »` })).toHaveCount(0);
    await list.getByRole('radiogroup', { name: 'Statut' }).getByText('Actif', { exact: true }).click();

    // TD3.3c: deleted after the warning, gone from the current documents.
    await list.getByRole('button', { name: `Actions sur « ${SECOND} »` }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Supprimer…' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('pour tout le monde');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler' }).click();
    await documentAction(page, SECOND, 'Supprimer…', 'Supprimer définitivement');
    await expect(second).toHaveCount(0, { timeout: 15_000 });
    await expect(list.getByRole('alert')).toHaveCount(0);
  });
});

/** The header's word on the PIN: what the doctor sees at a glance. */
const pinBadge = (page: Page) => page.getByRole('group', { name: 'Professionnel' });

test('the PIN asked where the doctor is: wrong then right, the list comes by itself; filters; deposit; archive', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await withTrainingDesk(page, async () => {
    // Both cards in the readers, the doctor already authorized on this DMP, the PIN left to type.
    await pickExercise(page, 'Déposer puis remplacer un compte rendu');
    await qualifyWithVitale(page);
    await expect(pinBadge(page)).toContainText('Code porteur à saisir (3 essais sur 3)');

    // Straight to the documents: the search needs the PIN, so the dialog opens there and says why.
    await navigateTo(page, 'Documents');
    const dialog = page.getByRole('dialog', { name: 'Code porteur CPS' });
    await expect(dialog).toContainText('Cette action a besoin de votre code porteur', { timeout: 15_000 });
    expect(await axeViolations(page, '.cards-dialog')).toEqual([]);
    await typePinInDialog(page, '0000');
    await expect(dialog.getByRole('alert')).toContainText('Code porteur erroné.');
    await expect(dialog.getByTestId('pin-tries')).toHaveText('Essais restants : 2');
    await expect(pinBadge(page)).toContainText('Code porteur à saisir (2 essais sur 3)');
    await typePinInDialog(page, '1234');
    await expect(pinBadge(page)).toContainText('Code porteur vérifié');

    // The search went on by itself: the reports of this DMP, no error left behind.
    const list = region(page, 'Documents du dossier');
    await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
    await expect(list.getByRole('alert')).toHaveCount(0);
    const rows = list.getByRole('row').filter({ has: page.getByRole('button', { name: /^Actions sur/ }) });
    await expect(rows.first()).toBeVisible();
    const seeded = await rows.count();

    // Filters: only the masked ones (none here), then every type again.
    const filters = page.getByRole('group', { name: 'Filtres' });
    await filters.getByText('Seulement les documents masqués aux professionnels').click();
    await expect(list.getByText('Aucun document pour ce statut.')).toBeVisible({ timeout: 15_000 });
    await filters.getByText('Seulement les documents masqués aux professionnels').click();
    await expect(rows).toHaveCount(seeded, { timeout: 15_000 });

    // A deposit, then archived: it leaves the current list and is found under "Archivé".
    const TITLE = 'Consultation e2e archivée';
    await depositPdf(page, { title: TITLE, fileName: 'c.pdf', pdf: pdfBytes('c') });
    const deposited = list.getByRole('row', { name: new RegExp(TITLE) });
    await expect(deposited).toBeVisible({ timeout: 15_000 });
    await expect(rows).toHaveCount(seeded + 1);
    await documentAction(page, TITLE, 'Archiver…', 'Archiver');
    await expect(deposited).toHaveCount(0, { timeout: 15_000 });
    await filters.getByRole('radiogroup', { name: 'Statut' }).getByText('Archivé', { exact: true }).click();
    await expect(deposited).toBeVisible({ timeout: 15_000 });
    await expect(deposited).toContainText('Archivé');
    await expect(list.getByRole('alert')).toHaveCount(0);
  });
});

test('the CPS pulled in the middle of a deposit locks the desk; put back with its PIN, the form is still there', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await withTrainingDesk(page, async () => {
    await admitAuthorizedTrainingPatient(page);
    await openDocuments(page);
    const TITLE = 'Compte rendu tapé avant le retrait';
    const deposit = region(page, 'Déposer un document');
    await deposit
      .getByLabel('Fichier PDF')
      .setInputFiles({ name: 'cr.pdf', mimeType: 'application/pdf', buffer: pdfBytes('cr') });
    await deposit.getByLabel(/Titre du document/).fill(TITLE);

    // Pulled: the lock at once, saying what happened and what to do; the desk behind cannot be used.
    await page.getByRole('button', { name: 'Retirer la carte CPS' }).click();
    const lock = page.getByRole('alertdialog', { name: 'Session verrouillée : la carte CPS a été retirée' });
    await expect(lock).toBeVisible();
    await expect(lock).toContainText('La carte CPS (ADEMIS TRAL) a été retirée du lecteur.');
    await expect(lock).toContainText('réinsérez la carte CPS dans le lecteur, puis saisissez le code porteur');
    await expect(pinBadge(page)).toContainText('Aucune carte CPS');
    const home = page.getByRole('navigation').getByRole('button', { name: 'Accueil' });
    await home.focus();
    await expect(home).not.toBeFocused();
    expect(await axeViolations(page, '.session-lock')).toEqual([]);
    await page.screenshot({ path: 'test-results/session-lock.png' });

    // Put back: the lock asks the PIN of the card now in the reader, and unlocks once it is right.
    await page.getByRole('button', { name: 'Insérer la carte CPS' }).click();
    const pin = lock.getByLabel('Code porteur (4 chiffres)');
    await expect(pin).toBeFocused({ timeout: 15_000 });
    await expect(lock).toContainText('Essais restants : 3 sur 3');
    await page.screenshot({ path: 'test-results/session-lock-pin.png' });
    await pin.fill('1234');
    await lock.getByRole('button', { name: 'Déverrouiller' }).click();
    await expect(lock).toBeHidden({ timeout: 15_000 });
    await expect(pinBadge(page)).toContainText('Code porteur vérifié');

    // The form as it was left, and it goes through.
    await expect(deposit.getByLabel(/Titre du document/)).toHaveValue(TITLE);
    await expect(deposit.getByText(/cr\.pdf/)).toBeVisible();
    await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
    await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
    await expect(deposit.getByText('Déposé dans le DMP.')).toBeVisible({ timeout: 30_000 });
    await expect(region(page, 'Documents du dossier').getByRole('row', { name: new RegExp(TITLE) })).toBeVisible({
      timeout: 15_000,
    });
  });
});
