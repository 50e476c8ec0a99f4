import { expect, test } from '@playwright/test';
import { dmpPanel, pickExercise, qualifyWithVitale, region, typePinInDialog, withTrainingDesk } from './support/flows';

/**
 * Emergency access in training mode, only through the UI: the training doctor is not authorized
 * on this patient's DMP, so the list is refused; a bris de glace is requested with a reason, then
 * open (the banner on every screen, the Documents screen and the viewer reading under it), then
 * ended from the banner (said so, and refused again); the access history shows the reads made in
 * that mode.
 */
const REASON = 'Malaise au cabinet, traitement habituel inconnu';

test('bris de glace requested with a reason, open (documents read in that mode), ended; then the access history', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await withTrainingDesk(page, async () => {
    // The trainer's exercise: both cards in, this patient never authorized the doctor nor opposed
    // an emergency access. Admission (INSi, identity document), then the doctor's PIN.
    await pickExercise(page, "Accès d'urgence avec un motif");
    await qualifyWithVitale(page);
    await page.getByRole('button', { name: 'Saisir le code porteur' }).click();
    await typePinInDialog(page);

    // Normal mode: the doctor is not authorized, the DMP refuses the list.
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Documents' }).click();
    const list = region(page, 'Documents du dossier');
    await expect(list.locator('[data-error-code="DMP_ACCESS_DENIED"]')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('note').filter({ hasText: 'bris de glace' })).toHaveCount(0);

    // Bris de glace with a reason, from the DMP panel.
    await nav.getByRole('button', { name: 'Accueil' }).click();
    const dmp = dmpPanel(page);
    await dmp.getByText('Bris de glace', { exact: true }).click();
    // Requested: nothing is open until the reason is given.
    const flag = dmp.locator('[data-emergency-state]');
    await expect(flag).toHaveAttribute('data-emergency-state', 'requested');
    await expect(flag).toContainText('Accès en bris de glace demandé');
    await expect(page.getByRole('alert', { name: "Accès d'urgence en cours" })).toHaveCount(0);
    await dmp.getByRole('textbox', { name: "Motif de l'accès d'urgence" }).fill(REASON);
    await dmp.getByRole('button', { name: 'Accéder dans ce mode' }).click();
    // Open: the panel and the banner say so, with the patient it is about.
    const banner = page.getByRole('alert', { name: "Accès d'urgence en cours" });
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toContainText('Accès en bris de glace en cours depuis');
    await expect(banner).toContainText('DOMINIQUE ADRTROIS');
    await expect(flag).toHaveAttribute('data-emergency-state', 'open');
    await expect(flag).toContainText('Accès en bris de glace en cours');

    // The Documents screen now reads under that access: no refusal, and it says so.
    await nav.getByRole('button', { name: 'Documents' }).click();
    await expect(page.getByRole('note').filter({ hasText: 'Accès en bris de glace' })).toBeVisible();
    await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
    await expect(list.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText(REASON)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/documents-emergency.png', fullPage: true });
    // A read in that mode: the first document opens in the viewer.
    await list.getByRole('button', { name: 'Ouvrir' }).first().click();
    const viewer = page.locator('.documents-viewer');
    await expect(viewer.locator('iframe')).toBeVisible({ timeout: 15_000 });
    await expect(viewer.getByRole('alert')).toHaveCount(0);

    // Ended from the banner: back to normal mode, and refused again.
    await banner.getByRole('button', { name: "Terminer l'accès d'urgence" }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Accès en bris de glace terminé à' })).toContainText(
      'les lectures du DMP se font de nouveau en mode normal',
    );
    await expect(page.getByRole('note').filter({ hasText: 'Accès en bris de glace' })).toHaveCount(0);
    await expect(list.locator('[data-error-code="DMP_ACCESS_DENIED"]')).toBeVisible({ timeout: 15_000 });

    // The desk's access history shows the search made under the emergency access, marked as such.
    await nav.getByRole('button', { name: 'Historique' }).click();
    const accesses = region(page, 'Accès au DMP depuis ce poste');
    const searches = accesses.getByRole('row').filter({ hasText: 'TD3.1' });
    await expect(searches.filter({ hasText: 'Bris de glace' }).first()).toBeVisible({ timeout: 15_000 });
    await expect(searches.filter({ hasText: 'Bris de glace' }).first()).toContainText('Réussi');
    await expect(searches.filter({ hasText: 'DMP_ACCESS_DENIED' }).first()).toBeVisible();
    const reads = accesses.getByRole('row').filter({ hasText: 'TD3.2' });
    await expect(reads.filter({ hasText: 'Bris de glace' }).first()).toContainText('Réussi');
  });
});
