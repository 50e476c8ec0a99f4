import { expect, test, type Page } from '@playwright/test';
import { removeDir, startHarness } from './support/harness';

/**
 * The Documents screen in training mode, only through the UI: the qualified patient at the desk,
 * the doctor's virtual CPS, a PDF deposited (XAdES and VIHF signed by the card) and listed back.
 */
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const PDF = Buffer.from(`%PDF-1.4\n% e2e ${Date.now()}\ntrailer<<>>\n%%EOF\n`, 'latin1');

test('qualified patient + CPS → Documents: list, deposit a PDF, see it listed, open it', async ({ page }) => {
  test.setTimeout(150_000);
  const harness = await startHarness();
  try {
    await page.goto(harness.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();

    // Without a qualified patient the screen says why it is empty.
    await page.getByRole('navigation').getByRole('button', { name: 'Documents' }).click();
    await expect(page.getByText('Aucun DMP ouvert.')).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: 'Accueil' }).click();

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

    // Documents of this patient: the list answers (TD3.1), then a deposit (TD2.1) appears in it.
    await page.getByRole('navigation').getByRole('button', { name: 'Documents' }).click();
    await expect(page.getByText('Documents de ANTHONY CORSE')).toBeVisible();
    const list = region(page, 'Documents du dossier');
    await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
    await expect(list.getByRole('alert')).toHaveCount(0);
    // The training DMP already holds this patient's two seeded reports.
    await expect(list.getByRole('row', { name: /Compte rendu de consultation \(formation\)/ })).toBeVisible();
    await expect(list.getByRole('row', { name: /Compte rendu d imagerie \(formation\)/ })).toBeVisible();

    const deposit = region(page, 'Déposer un document');
    await deposit
      .getByLabel('Fichier PDF')
      .setInputFiles({ name: 'cr-e2e.pdf', mimeType: 'application/pdf', buffer: PDF });
    await deposit.getByLabel(/Titre du document/).fill('Compte rendu e2e');
    await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
    await expect(deposit.getByRole('group', { name: 'Ce qui sera déposé' })).toContainText('ANTHONY CORSE');
    await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
    await expect(deposit.getByText('Document déposé.')).toBeVisible({ timeout: 30_000 });

    const row = list.getByRole('row', { name: /Compte rendu e2e/ });
    await expect(row).toContainText('CR ou fiche de consultation ou de visite', { timeout: 15_000 });
    await expect(row).toContainText('Actif');
    // The XAdES entry of the deposit is not a document to read.
    await expect(list.getByText('Full Document')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/documents-listed.png', fullPage: true });

    // TD3.2: the viewer frames the PDF read back from the DMP.
    await row.getByRole('button', { name: 'Ouvrir' }).click();
    const frame = region(page, 'Compte rendu e2e').locator('iframe');
    await expect(frame).toHaveAttribute('src', /^blob:/, { timeout: 15_000 });
    await page.screenshot({ path: 'test-results/documents-viewer.png', fullPage: true });
  } finally {
    await harness.stop();
    await removeDir(harness.userDataDir);
  }
});
