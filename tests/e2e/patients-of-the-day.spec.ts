import { expect, test, type Page } from '@playwright/test';
import { admitAuthorizedTrainingPatient, axeViolations, region } from './support/flows';
import { removeDir, startHarness } from './support/harness';

/**
 * The day's patients survive a restart of the desk (the encrypted store, same user-data folder):
 * the banner shows the DMP status and its age, the patient comes back from "Changer de patient",
 * and "Oublier un patient du jour" removes them after a confirmation.
 */
const banner = (page: Page) => region(page, 'Patient en cours');

test('patients of the day come back after a restart, with their DMP status, and can be forgotten', async ({ page }) => {
  test.setTimeout(180_000);
  const first = await startHarness();
  const userDataDir = first.userDataDir;
  try {
    await page.goto(first.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
    await admitAuthorizedTrainingPatient(page);
    await expect(banner(page).getByText(/^DMP ouvert · vérifié/)).toBeVisible({ timeout: 15_000 });
    // The admission steps scrolled the page: the banner is shown where the user sees it, on top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/patients-of-the-day/banner-dmp-status.png' });
  } finally {
    await first.stop();
  }

  const second = await startHarness({ userDataDir });
  try {
    await page.goto(second.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
    await expect(banner(page).getByText('Aucun patient en cours')).toBeVisible();
    await banner(page)
      .getByRole('button', { name: /Changer de patient/ })
      .click();
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: /CORSE ANTHONY/ })).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/patients-of-the-day/menu-after-restart.png' });
    await menu.getByRole('menuitem', { name: /CORSE ANTHONY/ }).click();
    await expect(banner(page).getByText('QUAL · Qualifiée')).toBeVisible();
    await expect(banner(page).getByText(/^DMP ouvert · vérifié/)).toBeVisible();
    await page.screenshot({ path: 'test-results/patients-of-the-day/banner-after-restart.png' });

    await banner(page)
      .getByRole('button', { name: /Changer de patient/ })
      .click();
    await page.getByRole('menuitem', { name: 'Oublier un patient du jour…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Oublier un patient du jour' });
    await dialog.getByRole('button', { name: /^Oublier CORSE ANTHONY/ }).click();
    const confirm = page.getByRole('alertdialog');
    await page.screenshot({ path: 'test-results/patients-of-the-day/forget-confirm.png' });
    expect(await axeViolations(page, 'body')).toEqual([]);
    await confirm.getByRole('button', { name: 'Oublier ce patient' }).click();
    await expect(confirm.getByRole('status')).toContainText('CORSE ANTHONY est oublié(e)');
    await confirm.getByRole('button', { name: 'Fermer' }).click();
    await expect(banner(page).getByText('Aucun patient en cours')).toBeVisible();
  } finally {
    await second.stop();
    await removeDir(userDataDir);
  }
});
