import { expect, test } from '@playwright/test';
import { dmpPanel, navigateTo, region, withTrainingDesk } from './support/flows';

/**
 * The admission-to-DMP chain of the seed documents, end to end in training mode: virtual cards
 * in the real card service, the INSi and DMP simulators over mutual TLS, a VIHF signed by the
 * virtual CPS through APDUs. Nothing in this test talks to main except through the UI. The other
 * specs start from the end of this chain (`support/flows.ts`); this one proves it step by step.
 */

test('Vitale → INSi → document check → qualified INS → CPS + PIN → TD0.2 → authorization', async ({ page }) => {
  test.setTimeout(120_000);
  await withTrainingDesk(page, async () => {
    // Admission: the patient's family card; the card is read on insertion.
    await page.getByRole('button', { name: 'Insérer la carte Vitale' }).click();
    const beneficiaries = page.getByRole('listbox', { name: 'Bénéficiaires de la carte' });
    await expect(beneficiaries.getByRole('option')).toHaveCount(4);
    await beneficiaries.getByRole('option', { name: /CORSE.*ANTHONY/ }).click();

    // Identity: INSi with the card, then the identity document seen at the desk.
    const identity = region(page, 'Identité du patient');
    await expect(identity.getByText('PROV · Provisoire')).toBeVisible();
    await identity.getByRole('button', { name: "Interroger l'INSi avec la carte Vitale" }).click();
    await expect(identity.getByText('RECUP · Récupérée')).toBeVisible({ timeout: 15_000 });
    await identity.getByText("Carte nationale d'identité", { exact: true }).click();
    await identity.getByRole('button', { name: /J'ai vérifié cette pièce/ }).click();
    await expect(identity.getByText('QUAL · Qualifiée')).toBeVisible();

    // Without a CPS, the DMP cannot be asked: the VIHF is signed by the card, and the desk says a CPS is needed.
    const dmp = dmpPanel(page);
    await expect(dmp.getByRole('alert')).toHaveAttribute('data-error-code', 'SESSION_PRACTITIONER_REQUIRED', {
      timeout: 15_000,
    });
    await expect(dmp.getByRole('alert')).toContainText('carte CPS');

    // The doctor's card and PIN, once.
    await page.getByRole('button', { name: 'Insérer la carte CPS' }).click();
    await page.getByRole('button', { name: 'Saisir le code porteur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('1234');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(dialog).toBeHidden();

    // TD0.2 at a glance, from the simulator's seeded state for this patient.
    await dmp.getByRole('button', { name: 'Vérifier à nouveau' }).click();
    await expect(dmp.getByRole('status')).toHaveText('Ce patient a un DMP.', { timeout: 15_000 });
    await expect(dmp.getByText("Vous n'êtes pas autorisé")).toBeVisible();
    await page.screenshot({ path: 'test-results/training-desk-td02.png', fullPage: true });

    // TD0.3: the doctor declares the authorization the patient gave; TD0.2 then says so.
    await dmp.getByRole('button', { name: 'Déclarer mon autorisation' }).click();
    const form = dmp.getByRole('region', { name: "Autorisation d'accès au DMP" });
    const declare = form.getByRole('button', { name: 'Déclarer', exact: true });
    // The patient's agreement is required before anything is sent.
    await expect(declare).toBeDisabled();
    await form.getByText("Le patient accepte que j'accède à son DMP").click();
    await declare.click();
    await expect(dmp.getByText('Autorisation déclarée.')).toBeVisible({ timeout: 15_000 });
    await expect(dmp.getByText('Vous êtes autorisé')).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/training-desk-authorized.png', fullPage: true });

    // History (TD1.6): the doctor now appears among the authorized professionals of this DMP.
    await navigateTo(page, 'Historique');
    await expect(page.getByText('Patient : ANTHONY CORSE')).toBeVisible();
    const doctor = page.getByRole('row', { name: /TRAL/ });
    await expect(doctor).toContainText('899900038839', { timeout: 15_000 });
    await expect(doctor).toContainText('Autorisé');
    await page.screenshot({ path: 'test-results/training-history.png', fullPage: true });
  });
});
