import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { removeDir, startHarness } from './support/harness';

/**
 * The document actions in training mode, only through the UI: a PDF deposited, masked (marker),
 * unmasked, replaced by a new version (the old one under "Obsolète"), then deleted; every action
 * confirmed in its dialog first.
 */
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label} ${Date.now()}\ntrailer<<>>\n%%EOF\n`, 'latin1');
const FIRST = 'Actions e2e premier';
/** WCAG 2 A/AA violations (axe) inside the part of the page the selector names. */
const violations = async (page: Page, selector: string): Promise<string[]> =>
  (await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map(
    (violation) => violation.id,
  );
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
  const harness = await startHarness();
  try {
    await page.goto(harness.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();

    // Same admission as the training desk: Vitale, INSi, document check, CPS + PIN, authorization.
    await page.getByRole('button', { name: 'Insérer la carte Vitale' }).click();
    await page
      .getByRole('listbox', { name: 'Bénéficiaires de la carte' })
      .getByRole('option', { name: /CORSE.*ANTHONY/ })
      .click();
    const identity = region(page, 'Identité du patient');
    await identity.getByRole('button', { name: "Interroger l'INSi avec la carte Vitale" }).click();
    await expect(identity.getByText('RECUP · Récupérée')).toBeVisible({ timeout: 15_000 });
    await identity.getByText("Carte nationale d'identité", { exact: true }).click();
    await identity.getByRole('button', { name: /J'ai vérifié cette pièce/ }).click();
    await expect(identity.getByText('QUAL · Qualifiée')).toBeVisible();
    await page.getByRole('button', { name: 'Insérer la carte CPS' }).click();
    await page.getByRole('button', { name: 'Saisir le code porteur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('1234');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(dialog).toBeHidden();
    const dmp = region(page, 'DMP (dossier médical partagé)');
    await dmp.getByRole('button', { name: 'Vérifier à nouveau' }).click();
    await expect(dmp.getByText("Vous n'êtes pas autorisé")).toBeVisible({ timeout: 15_000 });
    await dmp.getByRole('button', { name: 'Déclarer mon autorisation' }).click();
    const form = dmp.getByRole('region', { name: "Autorisation d'accès au DMP" });
    await form.getByText("Le patient accepte que j'accède à son DMP").click();
    await form.getByRole('button', { name: 'Déclarer', exact: true }).click();
    await expect(dmp.getByText('Vous êtes autorisé')).toBeVisible({ timeout: 15_000 });

    await page.getByRole('navigation').getByRole('button', { name: 'Documents' }).click();
    const list = region(page, 'Documents du dossier');
    await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
    const deposit = region(page, 'Déposer un document');
    await deposit
      .getByLabel('Fichier PDF')
      .setInputFiles({ name: 'a.pdf', mimeType: 'application/pdf', buffer: pdf('a') });
    await deposit.getByLabel(/Titre du document/).fill(FIRST);
    await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
    await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
    await expect(deposit.getByText('Document déposé.')).toBeVisible({ timeout: 30_000 });
    const first = list.getByRole('row', { name: new RegExp(FIRST) });
    await expect(first).toBeVisible({ timeout: 15_000 });
    await expect(first.getByText('Masqué aux professionnels')).toHaveCount(0);

    // TD3.3a: masked, the row says so; the dialog said who still sees it.
    await list.getByRole('button', { name: `Actions sur « ${FIRST} »` }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await violations(page, '.documents-menu-popover')).toEqual([]);
    await page.getByRole('menu').getByRole('menuitem', { name: 'Masquer aux professionnels…' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('médecin traitant');
    expect(await violations(page, '.documents-confirm')).toEqual([]);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler' }).click();
    await act(page, FIRST, 'Masquer aux professionnels…', 'Masquer');
    await expect(first.getByText('Masqué aux professionnels')).toBeVisible({ timeout: 15_000 });
    expect(await violations(page, '.documents-table')).toEqual([]);
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
    await deposit
      .getByLabel('Fichier PDF')
      .setInputFiles({ name: 'b.pdf', mimeType: 'application/pdf', buffer: pdf('b') });
    await deposit.getByLabel(/Titre du document/).fill(SECOND);
    await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
    await expect(deposit.getByRole('group', { name: 'Ce qui sera déposé' })).toContainText(FIRST);
    await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
    await expect(deposit.getByText('Document déposé.')).toBeVisible({ timeout: 30_000 });
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
  } finally {
    await harness.stop();
    await removeDir(harness.userDataDir);
  }
});
