import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createAdmin, type DmpAdmin } from '../../simulators/national-dmp/admin';
import { SimulatorStore } from '../../simulators/national-dmp/store/store';
import { mergeFaults } from '../../simulators/cli/fault-spec';
import {
  admitAuthorizedTrainingPatient,
  axeViolations,
  openDocuments,
  pdfBytes,
  region,
  withTrainingDesk,
} from './support/flows';

/**
 * Offline, as a clinic lives it: the DMP service stops answering (the training simulator's
 * connections dropped, as `npm run sim -- admin fault '*=drop'` does), a deposit is made anyway
 * and kept in the outbox, shown with its patient; the service comes back and the document
 * reaches the DMP exactly once. Screenshots of the indicator and the panel go to test-results/outbox/.
 */

/** The training simulator's own state file, as the admin CLI opens it (its faults are read per request). */
async function withSimulatorAdmin<T>(userDataDir: string, body: (admin: DmpAdmin) => T): Promise<T> {
  const store = new SimulatorStore(join(userDataDir, 'training', 'national-dmp.sqlite'));
  try {
    return body(createAdmin(store));
  } finally {
    store.close();
  }
}

/** A deposit from the Documents screen's form, as the user makes it, ending on the form's answer. */
async function depositTitled(page: Page, title: string, answer: string): Promise<void> {
  const deposit = region(page, 'Déposer un document');
  await deposit
    .getByLabel('Fichier PDF')
    .setInputFiles({ name: `${title}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(title) });
  await deposit.getByLabel(/Titre du document/).fill(title);
  await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
  await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
  await expect(deposit.getByText(answer)).toBeVisible({ timeout: 60_000 });
}

/** The documents of the training patient the simulator holds under this title. */
const heldTitled = (userDataDir: string, title: string) =>
  withSimulatorAdmin(userDataDir, (admin) => {
    const corse = admin.listDmps().find((dmp) => dmp.family.toUpperCase() === 'CORSE');
    if (corse === undefined) throw new Error('the training patient has no DMP in the simulator');
    return admin.listDocuments(corse.nir).filter((document) => document.title === title);
  });

const outboxButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /DMP|Boîte d'envoi|Outbox/ });

test('a deposit made while the DMP is unreachable waits in the outbox, then reaches the DMP once', async ({ page }) => {
  test.setTimeout(240_000);
  await withTrainingDesk(page, async (harness) => {
    await admitAuthorizedTrainingPatient(page);
    await openDocuments(page);
    await expect(outboxButton(page)).toHaveText('✓ Tout est envoyé au DMP');
    await page.getByRole('banner').screenshot({ path: 'test-results/outbox/fr-indicator-clear.png' });

    await withSimulatorAdmin(harness.userDataDir, (admin) => admin.setStoredFaults(mergeFaults({}, ['*=drop'])));

    const title = `hors-ligne-${Date.now()}`;
    await depositTitled(page, title, 'Enregistré — sera envoyé dès que le service répond.');

    // The header says it on every screen, in words, and opens the list with the patient's name.
    await expect(outboxButton(page)).toHaveText(/^◷ Boîte d'envoi : 1 (en attente|en cours d'envoi)$/, {
      timeout: 30_000,
    });
    await page.getByRole('banner').screenshot({ path: 'test-results/outbox/fr-indicator-pending.png' });
    // With the keyboard alone: Enter opens the panel, Escape closes it and gives the focus back.
    await outboxButton(page).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(outboxButton(page)).toBeFocused();
    await outboxButton(page).click();
    const panel = page.getByRole('dialog', { name: "Boîte d'envoi vers le DMP" });
    const row = panel.getByRole('row', { name: new RegExp(title) });
    await expect(row).toContainText('CORSE');
    await expect(row).toContainText('Dépôt');
    await expect(row).toContainText(/En attente d'envoi|Envoi en cours|Vérification dans le DMP/);
    await page.screenshot({ path: 'test-results/outbox/fr-panel-pending.png' });
    expect(await axeViolations(page, '.outbox-dialog')).toEqual([]);
    await panel.getByRole('button', { name: 'Fermer' }).click();
    await expect(panel).toBeHidden();

    // The same in English, for the tour.
    await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();
    await outboxButton(page).click();
    const english = page.getByRole('dialog', { name: 'Outbox to the DMP' });
    await expect(english.getByRole('row', { name: new RegExp(title) })).toContainText('Deposit');
    await page.screenshot({ path: 'test-results/outbox/en-panel-pending.png' });
    expect(await axeViolations(page, '.outbox-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(english).toBeHidden();
    await page.getByRole('banner').getByRole('radio', { name: 'Français' }).click();

    // The service is back: the engine sends it by itself, and the DMP holds it once.
    await withSimulatorAdmin(harness.userDataDir, (admin) => admin.setStoredFaults({}));
    await expect(outboxButton(page)).toHaveText('✓ Tout est envoyé au DMP', { timeout: 120_000 });
    expect(await heldTitled(harness.userDataDir, title)).toHaveLength(1);
  });
});

test('a deposit the DMP refuses after it was queued says why, and is sent once retried', async ({ page }) => {
  test.setTimeout(240_000);
  await withTrainingDesk(page, async (harness) => {
    await admitAuthorizedTrainingPatient(page);
    await openDocuments(page);
    await withSimulatorAdmin(harness.userDataDir, (admin) => admin.setStoredFaults(mergeFaults({}, ['*=drop'])));
    const title = `refuse-${Date.now()}`;
    await depositTitled(page, title, 'Enregistré — sera envoyé dès que le service répond.');

    // The service answers again, but refuses the deposit: a stop that needs the user.
    await withSimulatorAdmin(harness.userDataDir, (admin) =>
      admin.setStoredFaults(mergeFaults({}, ['repository=soap:DMPAccessDenied'])),
    );
    await expect(outboxButton(page)).toHaveText("✕ Boîte d'envoi : 1 envoi en échec", { timeout: 120_000 });
    await page.getByRole('banner').screenshot({ path: 'test-results/outbox/fr-indicator-failed.png' });
    await outboxButton(page).click();
    const panel = page.getByRole('dialog', { name: "Boîte d'envoi vers le DMP" });
    const row = panel.getByRole('row', { name: new RegExp(title) });
    await expect(row).toContainText('Envoi en échec');
    await expect(row.locator('[data-error-code="DMP_ACCESS_DENIED"]')).toContainText('Motif :');
    await page.screenshot({ path: 'test-results/outbox/fr-panel-failed.png' });
    expect(await axeViolations(page, '.outbox-dialog')).toEqual([]);
    expect(await heldTitled(harness.userDataDir, title)).toHaveLength(0);

    // The cause fixed, the user retries it: it reaches the DMP, once.
    await withSimulatorAdmin(harness.userDataDir, (admin) => admin.setStoredFaults({}));
    await row.getByRole('button', { name: `Réessayer l'envoi de « ${title} »` }).click();
    await expect(row).toContainText('Déposé dans le DMP', { timeout: 120_000 });
    await panel.getByRole('button', { name: 'Fermer' }).click();
    await expect(outboxButton(page)).toHaveText('✓ Tout est envoyé au DMP');
    expect(await heldTitled(harness.userDataDir, title)).toHaveLength(1);
  });
});
