import { expect, test, type Page } from '@playwright/test';
import {
  admitAuthorizedTrainingPatient,
  axeViolations,
  depositPdf,
  openDocuments,
  pdfBytes,
  region,
  withTrainingDesk,
} from './support/flows';

/**
 * The document actions in training mode, only through the UI: a PDF deposited, masked (marker),
 * unmasked, replaced by a new version (the old one under "Obsolète"), then deleted; every action
 * confirmed in its dialog first.
 */
const FIRST = 'Actions e2e premier';
const SECOND = 'Actions e2e remplaçant';

async function act(page: Page, title: string, item: string, confirm: string): Promise<void> {
  const list = region(page, 'Documents du dossier');
  await list.getByRole('button', { name: `Actions sur « ${title} »` }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: item }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
}

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
    await act(page, FIRST, 'Masquer aux professionnels…', 'Masquer');
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
    await act(page, SECOND, 'Supprimer…', 'Supprimer définitivement');
    await expect(second).toHaveCount(0, { timeout: 15_000 });
    await expect(list.getByRole('alert')).toHaveCount(0);
  });
});
