import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  admitAuthorizedTrainingPatient,
  axeViolations,
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

    await filterOnTypedDates(page, list);

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

/**
 * The creation-date filters typed as a French desk types dates (JJ/MM/AAAA), read when the field
 * is left or on Enter. The seeded reports were created on 3 and 10 February 2026.
 */
async function filterOnTypedDates(page: Page, list: Locator): Promise<void> {
  const consultation = list.getByRole('row', { name: /Compte rendu de consultation \(formation\)/ });
  const imaging = list.getByRole('row', { name: /Compte rendu d imagerie \(formation\)/ });
  const filters = page.getByRole('group', { name: 'Filtres' });
  const from = filters.getByRole('textbox', { name: 'Créés à partir du (JJ/MM/AAAA)' });
  const until = filters.getByRole('textbox', { name: "Créés jusqu'au (JJ/MM/AAAA)" });

  await until.fill('14/07/2009');
  await until.press('Enter');
  await expect(list.getByText('Aucun document pour ce statut.')).toBeVisible({ timeout: 15_000 });
  await until.fill('');
  await from.fill('14/07/2009');
  await from.press('Tab');
  await expect(consultation).toBeVisible({ timeout: 15_000 });
  await expect(imaging).toBeVisible();
  await from.fill('10022026');
  await from.press('Enter');
  await expect(from).toHaveValue('10/02/2026');
  await expect(consultation).toHaveCount(0, { timeout: 15_000 });
  await expect(imaging).toBeVisible();

  // A day that does not exist: said in words next to the field, and read with it.
  await until.fill('31/02/2026');
  await until.press('Tab');
  await expect(until).toHaveAttribute('aria-invalid', 'true');
  await expect(until).toHaveAccessibleDescription(
    "Ce jour n'existe pas dans ce mois. Cette date n'est pas prise en compte.",
  );
  await expect(
    filters.getByText("Ce jour n'existe pas dans ce mois. Cette date n'est pas prise en compte."),
  ).toBeVisible();
  expect(await axeViolations(page, '.documents-filters')).toEqual([]);
  await page.screenshot({ path: 'test-results/documents-filters-error-fr.png', fullPage: true });

  // The same screen in English: the format and the message in the screen's language.
  await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();
  const untilEn = page
    .getByRole('group', { name: 'Filters' })
    .getByRole('textbox', { name: 'Created until (DD/MM/YYYY)' });
  await expect(untilEn).toHaveAccessibleDescription(
    'This day does not exist in that month. This date is not taken into account.',
  );
  expect(await axeViolations(page, '.documents-filters')).toEqual([]);
  await page.screenshot({ path: 'test-results/documents-filters-error-en.png', fullPage: true });
  await page.getByRole('banner').getByRole('radio', { name: 'Français' }).click();

  // Cleared, the list is whole again.
  await until.fill('');
  await until.press('Tab');
  await from.fill('');
  await from.press('Tab');
  await expect(consultation).toBeVisible({ timeout: 15_000 });
  await expect(until).not.toHaveAttribute('aria-invalid', 'true');
}
