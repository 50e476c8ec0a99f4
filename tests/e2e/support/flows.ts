import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { removeDir, startHarness, type RunningHarness } from './harness';

/**
 * Steps the training-desk e2e specs share, only through the UI. `training-desk.spec.ts` proves
 * the admission chain step by step; the other specs start from its end with these helpers.
 */

/** A named landmark of the page (exact name). */
export const region = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** The DMP panel of the home screen. */
export const dmpPanel = (page: Page): Locator => region(page, 'DMP (dossier médical partagé)');

/** A PDF small enough for the DMP simulator, unique per call (the label and the time are in it). */
export const pdfBytes = (label: string): Buffer =>
  Buffer.from(`%PDF-1.4\n% ${label} ${Date.now()}\ntrailer<<>>\n%%EOF\n`, 'latin1');

/**
 * Starts the browser harness in training mode, opens the app and waits until it is ready, runs
 * `body`, then stops the harness and removes its user-data folder whatever happened.
 */
export async function withTrainingDesk(page: Page, body: (harness: RunningHarness) => Promise<void>): Promise<void> {
  const harness = await startHarness();
  try {
    await page.goto(harness.url);
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
    await body(harness);
  } finally {
    await harness.stop();
    await removeDir(harness.userDataDir);
  }
}

/** Clicks a screen in the main navigation. */
export async function navigateTo(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: screen }).click();
}

/**
 * Admission: the training Vitale card, the beneficiary chosen, INSi with the card, the identity
 * document checked at the desk: the INS is qualified.
 */
export async function admitTrainingPatient(page: Page, beneficiary: RegExp = /CORSE.*ANTHONY/): Promise<void> {
  await page.getByRole('button', { name: 'Insérer la carte Vitale' }).click();
  await page
    .getByRole('listbox', { name: 'Bénéficiaires de la carte' })
    .getByRole('option', { name: beneficiary })
    .click();
  await qualifyWithVitale(page);
}

/** The beneficiary chosen: INSi with the card, then the identity document checked at the desk. */
export async function qualifyWithVitale(page: Page): Promise<void> {
  const identity = region(page, 'Identité du patient');
  await identity.getByRole('button', { name: "Interroger l'INSi avec la carte Vitale" }).click();
  await expect(identity.getByText('RECUP · Récupérée')).toBeVisible({ timeout: 15_000 });
  await identity.getByText("Carte nationale d'identité", { exact: true }).click();
  await identity.getByRole('button', { name: /J'ai vérifié cette pièce/ }).click();
  await expect(identity.getByText('QUAL · Qualifiée')).toBeVisible();
}

/**
 * A trainer's exercise from the training banner: the simulators and the virtual cards are set to
 * its starting state, and the banner shows its script.
 */
export async function pickExercise(page: Page, title: string): Promise<void> {
  await page
    .getByRole('group', { name: 'Cartes virtuelles de formation' })
    .getByRole('button', { name: /Exercice/ })
    .click();
  await page.getByRole('option', { name: title }).click();
  await expect(region(page, "Déroulé de l'exercice")).toContainText(`Exercice en cours : ${title}`, {
    timeout: 15_000,
  });
}

/** The PIN typed in the open PIN dialog (the header's, or the one a call opened), which then closes. */
export async function typePinInDialog(page: Page, pin = '1234'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Code porteur CPS' });
  await dialog.getByRole('textbox').fill(pin);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  if (pin === '1234') await expect(dialog).toBeHidden();
}

/** The doctor's virtual CPS inserted and its PIN (1234) entered. */
export async function signInWithTrainingCps(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Insérer la carte CPS' }).click();
  await page.getByRole('button', { name: 'Saisir le code porteur' }).click();
  await typePinInDialog(page);
}

/**
 * TD0.2 asked again (the doctor is not yet authorized), then TD0.3: the authorization the patient
 * gave, declared; TD0.2 then says the doctor is authorized.
 */
export async function declareAuthorization(page: Page): Promise<void> {
  const dmp = dmpPanel(page);
  await dmp.getByRole('button', { name: 'Vérifier à nouveau' }).click();
  await expect(dmp.getByText("Vous n'êtes pas autorisé")).toBeVisible({ timeout: 15_000 });
  await dmp.getByRole('button', { name: 'Déclarer mon autorisation' }).click();
  const form = dmp.getByRole('region', { name: "Autorisation d'accès au DMP" });
  await form.getByText("Le patient accepte que j'accède à son DMP").click();
  await form.getByRole('button', { name: 'Déclarer', exact: true }).click();
  await expect(dmp.getByText('Vous êtes autorisé')).toBeVisible({ timeout: 15_000 });
}

/** The whole training admission: qualified patient, CPS + PIN, authorization declared. */
export async function admitAuthorizedTrainingPatient(page: Page): Promise<void> {
  await admitTrainingPatient(page);
  await signInWithTrainingCps(page);
  await declareAuthorization(page);
}

/** The Documents screen, once its list has answered; answers the list's region. */
export async function openDocuments(page: Page): Promise<Locator> {
  await navigateTo(page, 'Documents');
  const list = region(page, 'Documents du dossier');
  await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
  return list;
}

/**
 * Deposits a PDF from the Documents screen's form: file, title, preview, then signed and sent.
 * `previewContains`, when given, must be in the preview of what will be deposited.
 */
export async function depositPdf(
  page: Page,
  options: {
    readonly title: string;
    readonly fileName: string;
    readonly pdf: Buffer;
    readonly previewContains?: string;
  },
): Promise<void> {
  const deposit = region(page, 'Déposer un document');
  await deposit
    .getByLabel('Fichier PDF')
    .setInputFiles({ name: options.fileName, mimeType: 'application/pdf', buffer: options.pdf });
  await deposit.getByLabel(/Titre du document/).fill(options.title);
  await deposit.getByRole('button', { name: 'Vérifier avant dépôt' }).click();
  if (options.previewContains !== undefined) {
    await expect(deposit.getByRole('group', { name: 'Ce qui sera déposé' })).toContainText(options.previewContains);
  }
  await deposit.getByRole('button', { name: 'Signer et déposer' }).click();
  await expect(deposit.getByText('Déposé dans le DMP.')).toBeVisible({ timeout: 30_000 });
}

/**
 * An action of a document's menu in the Documents list, confirmed in its dialog; waits until the
 * list has answered again.
 */
export async function documentAction(page: Page, title: string, item: string, confirm: string): Promise<void> {
  const list = region(page, 'Documents du dossier');
  await list.getByRole('button', { name: `Actions sur « ${title} »` }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: item }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(list.getByRole('status')).toBeHidden({ timeout: 15_000 });
}

/** An axe audit (WCAG 2 A/AA) of the part of the page the selector names. */
export const axeAudit = (page: Page, selector: string) =>
  new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();

/** The ids of the WCAG 2 A/AA violations (axe) inside the part of the page the selector names. */
export const axeViolations = async (page: Page, selector: string): Promise<string[]> =>
  (await axeAudit(page, selector)).violations.map((violation) => violation.id);
