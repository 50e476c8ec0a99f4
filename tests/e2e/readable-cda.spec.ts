import { expect, test } from '@playwright/test';
import {
  admitAuthorizedTrainingPatient,
  axeViolations,
  openDocuments,
  region,
  withTrainingDesk,
} from './support/flows';

/**
 * A structured CDA in training mode, only through the UI: the training DMP's structured synthesis
 * of the lesson's patient opens as headed sections and tables (no frame, no raw XML), under the
 * app's real CSP in Chromium.
 */
const TITLE = 'Synthese medicale structuree (formation)';

test('qualified patient + CPS → Documents → open the structured synthesis: sections and tables', async ({ page }) => {
  test.setTimeout(150_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await withTrainingDesk(page, async () => {
    // Same admission as the training desk: Vitale, INSi, document check, CPS + PIN, authorization.
    await admitAuthorizedTrainingPatient(page);

    const list = await openDocuments(page);
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
    expect(await axeViolations(page, '.documents-viewer')).toEqual([]);
    expect(violations).toEqual([]);
  });
});
