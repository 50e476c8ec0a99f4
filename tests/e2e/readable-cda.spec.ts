import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { removeDir, startHarness } from './support/harness';

/**
 * A structured CDA in training mode, only through the UI: the training DMP's structured synthesis
 * of the lesson's patient opens as headed sections and tables (no frame, no raw XML), under the
 * app's real CSP in Chromium.
 */
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const TITLE = 'Synthese medicale structuree (formation)';

test('qualified patient + CPS → Documents → open the structured synthesis: sections and tables', async ({ page }) => {
  test.setTimeout(150_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
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
    await list
      .getByRole('row', { name: new RegExp(TITLE.replace(/[()]/g, '\\$&')) })
      .getByRole('button', { name: 'Ouvrir' })
      .click();

    // TD3.2: main answered a readable tree; the viewer draws it as an outline with tables.
    const viewer = region(page, TITLE);
    const problems = viewer.getByRole('region', { name: 'Pathologies en cours' });
    await expect(problems.getByRole('heading', { level: 3 })).toHaveText('Pathologies en cours', { timeout: 15_000 });
    await expect(problems.getByRole('row')).toHaveCount(2);
    await expect(problems.getByRole('cell', { name: 'Hypertension arterielle' })).toBeVisible();
    await expect(viewer.getByRole('heading', { level: 3, name: 'Traitements au long cours' })).toBeVisible();
    await expect(viewer.getByText('CABINET DR LIBRE')).toBeVisible();
    await expect(viewer.locator('iframe, pre, script')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/readable-cda-viewer.png', fullPage: true });
    const audit = await new AxeBuilder({ page }).include('.documents-viewer').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(audit.violations.map((violation) => violation.id)).toEqual([]);
    expect(violations).toEqual([]);
  } finally {
    await harness.stop();
    await removeDir(harness.userDataDir);
  }
});
