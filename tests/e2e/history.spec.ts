import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  admitTrainingPatient,
  axeAudit,
  dmpPanel,
  navigateTo,
  region,
  signInWithTrainingCps,
  withTrainingDesk,
} from './support/flows';

/**
 * The History screen in training mode, through the UI only: the DMP checks made at the desk
 * (a normal TD0.2, then a bris de glace the patient opposed) appear in this desk's access
 * history, read back from the local audit trail, with the mode and the outcome.
 */
const REASON = 'Patient inconscient, traitement en cours inconnu';

test('DMP checks at the desk are listed in the History screen with their access mode', async ({ page }) => {
  test.setTimeout(120_000);
  await withTrainingDesk(page, async (harness) => {
    // Admission: Vitale, INSi, identity document: a qualified INS.
    await admitTrainingPatient(page);

    // The doctor's CPS and PIN: the DMP panel asks TD0.2 again by itself, in normal mode, once.
    await signInWithTrainingCps(page);
    const dmp = dmpPanel(page);
    await expect(dmp.getByRole('status')).toHaveText('Ce patient a un DMP.', { timeout: 15_000 });

    // Bris de glace with a reason: this patient opposed it, the desk refuses and says so.
    await dmp.getByText('Bris de glace', { exact: true }).click();
    await expect(dmp.getByRole('radio', { name: 'Bris de glace' })).toBeChecked();
    await dmp.getByRole('textbox', { name: "Motif de l'accès d'urgence" }).fill(REASON);
    await dmp.getByRole('button', { name: 'Accéder dans ce mode' }).click();
    await expect(dmp.locator('[data-error-code="DMP_PATIENT_OPPOSED"]')).toBeVisible({ timeout: 15_000 });

    // History: both checks, newest first, the emergency one marked and failed, the normal one done.
    await navigateTo(page, 'Historique');
    const accesses = region(page, 'Accès au DMP depuis ce poste');
    const checks = accesses.getByRole('row').filter({ hasText: 'TD0.2' });
    const emergency = checks.filter({ hasText: 'Bris de glace' });
    await expect(emergency).toHaveCount(1, { timeout: 15_000 });
    await expect(emergency).toContainText('Échec (DMP_PATIENT_OPPOSED)');
    await expect(emergency.getByTitle("Accès d'urgence")).toBeVisible();
    await expect(emergency).toContainText('899900038839');
    await expect(checks.filter({ hasText: 'Réussi' }).filter({ hasText: 'Normal' })).toHaveCount(1);
    // The professionals table next door asks the DMP (TD1.6): that call is journaled and shows up too.
    await expect(accesses.getByRole('row').filter({ hasText: 'TD1.6' }).first()).toBeVisible({ timeout: 15_000 });
    await expect(accesses).toContainText('Journal local intègre');
    await expect(accesses).toContainText("l'accès web DMP");
    await page.screenshot({ path: 'test-results/history-accesses.png', fullPage: true });
    // The filled table (the shell's check only sees the empty screen) meets WCAG A/AA too.
    const axe = await axeAudit(page, '.history-columns');
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    expect(axe.passes.length).toBeGreaterThan(0);

    // What the desk wrote holds no reason and no INS.
    const auditDir = join(harness.userDataDir, 'audit');
    const bytes = Buffer.concat(
      await Promise.all((await readdir(auditDir)).map((name) => readFile(join(auditDir, name)))),
    );
    for (const secret of ['inconscient', '180032B02040123']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });
});
