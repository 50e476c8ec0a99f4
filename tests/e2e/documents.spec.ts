import { expect, test } from '@playwright/test';
import {
  admitAuthorizedTrainingPatient,
  depositPdf,
  navigateTo,
  openDocuments,
  pdfBytes,
  region,
  withTrainingDesk,
} from './support/flows';

/**
 * The Documents screen in training mode, only through the UI: the qualified patient at the desk,
 * the doctor's virtual CPS, a PDF deposited (XAdES and VIHF signed by the card) and listed back.
 */
test('qualified patient + CPS → Documents: list, deposit a PDF, see it listed, open it', async ({ page }) => {
  test.setTimeout(150_000);
  await withTrainingDesk(page, async () => {
    // Without a qualified patient the screen says why it is empty.
    await navigateTo(page, 'Documents');
    await expect(page.getByText('Aucun DMP ouvert.')).toBeVisible();
    await navigateTo(page, 'Accueil');

    // Same admission as the training desk: Vitale, INSi, document check, CPS + PIN, authorization.
    await admitAuthorizedTrainingPatient(page);

    // Documents of this patient: the list answers (TD3.1), then a deposit (TD2.1) appears in it.
    const list = await openDocuments(page);
    await expect(page.getByText('Documents de ANTHONY CORSE')).toBeVisible();
    await expect(list.getByRole('alert')).toHaveCount(0);
    // The training DMP already holds this patient's two seeded reports.
    await expect(list.getByRole('row', { name: /Compte rendu de consultation \(formation\)/ })).toBeVisible();
    await expect(list.getByRole('row', { name: /Compte rendu d imagerie \(formation\)/ })).toBeVisible();

    await depositPdf(page, {
      title: 'Compte rendu e2e',
      fileName: 'cr-e2e.pdf',
      pdf: pdfBytes('e2e'),
      previewContains: 'ANTHONY CORSE',
    });

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
  });
});
