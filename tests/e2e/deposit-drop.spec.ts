import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  admitAuthorizedTrainingPatient,
  axeViolations,
  openDocuments,
  region,
  withTrainingDesk,
} from './support/flows';

/**
 * Deposit by drag and drop in Chromium, training mode, UI only: a PDF dropped on the form is
 * chosen (named, title prefilled) and deposited; a dropped file that is not a PDF is refused.
 */
async function drop(page: Page, zone: Locator, file: { name: string; text: string }): Promise<void> {
  // Through Chromium's own drag pipeline (DevTools protocol), as a file dragged from the desktop:
  // a script-made DataTransfer allows no drop operation, so it would prove nothing.
  const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-drop-'));
  try {
    const path = join(dir, file.name);
    await writeFile(path, file.text, 'latin1');
    // Drag events are dispatched at viewport coordinates: the zone must be on screen.
    await zone.scrollIntoViewIfNeeded();
    const box = await zone.boundingBox();
    if (box === null) throw new Error('drop zone not visible');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [path], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
    }
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    await cdp.detach();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a PDF dropped on the deposit form is deposited; a disguised file is refused', async ({ page }) => {
  test.setTimeout(150_000);
  await withTrainingDesk(page, async () => {
    await admitAuthorizedTrainingPatient(page);
    const list = await openDocuments(page);
    const deposit = region(page, 'Déposer un document');
    const zone = deposit.locator('.documents-dropzone');

    // Named .pdf, but its bytes are not a PDF: the desk reads the file and says so.
    await drop(page, zone, { name: 'faux.pdf', text: 'not a pdf' });
    await expect(deposit.getByRole('alert')).toContainText("Ce fichier n'est pas un PDF.");

    // Then the right file: chosen, named, its name as the title, the problem gone.
    const title = `glisse-${Date.now()}`;
    await drop(page, zone, { name: `${title}.pdf`, text: '%PDF-1.4\n% drop\n%%EOF\n' });
    await expect(deposit.getByText(`Fichier choisi : ${title}.pdf`)).toBeVisible();
    await expect(deposit.getByLabel(/Titre du document/)).toHaveValue(title);
    await expect(deposit.getByRole('alert')).toHaveCount(0);
    expect(await axeViolations(page, '.documents-deposit')).toEqual([]);

    await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
    await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
    await expect(deposit.getByText('Déposé dans le DMP.')).toBeVisible({ timeout: 30_000 });
    await expect(list.getByRole('row', { name: new RegExp(title) })).toBeVisible({ timeout: 15_000 });
  });
});
