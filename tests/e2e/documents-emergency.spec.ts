import { expect, test } from '@playwright/test';
import { admitTrainingPatient, dmpPanel, region, signInWithTrainingCps, withTrainingDesk } from './support/flows';

/**
 * Emergency access to documents in training mode, only through the UI: the training doctor is
 * not authorized on this patient's DMP, so the list is refused; after a bris de glace with a
 * reason the Documents screen reads under that access, and ending it from the banner stops that.
 */
const REASON = 'Malaise au cabinet, traitement habituel inconnu';

test('bris de glace opens the documents of a patient who never authorized the doctor, until it ends', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await withTrainingDesk(page, async () => {
    // Admission: Vitale, INSi, identity document: a qualified INS; then the doctor's CPS and PIN.
    await admitTrainingPatient(page, /ECETINSI.*PIERRE-ALAIN/);
    await signInWithTrainingCps(page);

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
    await dmp.getByRole('textbox', { name: "Motif de l'accès d'urgence" }).fill(REASON);
    await dmp.getByRole('button', { name: 'Accéder dans ce mode' }).click();
    const banner = page.getByRole('alert', { name: "Accès d'urgence en cours" });
    await expect(banner).toBeVisible({ timeout: 15_000 });

    // The Documents screen now reads under that access: no refusal, and it says so.
    await nav.getByRole('button', { name: 'Documents' }).click();
    await expect(page.getByRole('note').filter({ hasText: 'Accès en bris de glace' })).toBeVisible();
    await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
    await expect(list.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText(REASON)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/documents-emergency.png', fullPage: true });

    // Ended from the banner: back to normal mode, and refused again.
    await banner.getByRole('button', { name: "Terminer l'accès d'urgence" }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('note').filter({ hasText: 'Accès en bris de glace' })).toHaveCount(0);
    await expect(list.locator('[data-error-code="DMP_ACCESS_DENIED"]')).toBeVisible({ timeout: 15_000 });

    // The desk's access history shows the search made under the emergency access, marked as such.
    await nav.getByRole('button', { name: 'Historique' }).click();
    const accesses = region(page, 'Accès au DMP depuis ce poste');
    const searches = accesses.getByRole('row').filter({ hasText: 'TD3.1' });
    await expect(searches.filter({ hasText: 'Bris de glace' }).first()).toBeVisible({ timeout: 15_000 });
    await expect(searches.filter({ hasText: 'Bris de glace' }).first()).toContainText('Réussi');
    await expect(searches.filter({ hasText: 'DMP_ACCESS_DENIED' }).first()).toBeVisible();
  });
});
