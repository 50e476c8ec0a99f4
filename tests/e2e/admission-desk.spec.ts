import { expect, test, type Page } from '@playwright/test';
import {
  axeViolations,
  dmpPanel,
  pickExercise,
  qualifyWithVitale,
  region,
  signInWithTrainingCps,
  withTrainingDesk,
} from './support/flows';

/**
 * The admission desk in training mode, only through the UI, each situation from the trainer's
 * exercise that sets it up: INSi finding nobody (01), INSi finding several people (02), and a new
 * patient whose DMP is created with their consent. The INSi's one-identity answer and the closed
 * DMP are proven by training-desk.spec.ts and training-scenarios.spec.ts.
 */

const identityPanel = (page: Page) => region(page, 'Identité du patient');
/** The patient banner under the header: who every answer on screen is about. */
const patientBanner = (page: Page) => page.getByRole('region', { name: 'Patient en cours' });

test('INSi answers 01 (nobody with these traits): the desk says so and the identity stays provisional', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withTrainingDesk(page, async () => {
    await pickExercise(page, 'INSi : aucune identité trouvée');
    const identity = identityPanel(page);
    await identity.getByRole('button', { name: "Interroger l'INSi avec la carte Vitale" }).click();
    const answer = identity.locator('[data-insi-outcome="01"]');
    await expect(answer).toContainText('Aucune identité trouvée (code 01)', { timeout: 15_000 });
    await expect(answer).toContainText("Sans INS, l'identité reste provisoire.");
    expect(await axeViolations(page, '[data-insi-outcome="01"]')).toEqual([]);
    await expect(identity.getByText('PROV · Provisoire')).toBeVisible();
    await expect(identity.getByText('INS retrouvé')).toHaveCount(0);
    // The banner names the patient and says the DMP is out of reach without a qualified INS.
    await expect(patientBanner(page)).toContainText('ADRUN');
    await expect(patientBanner(page)).toContainText("INS non qualifié : pas d'accès au DMP");
    await page.screenshot({ path: 'test-results/admission-insi-01.png', fullPage: true });
  });
});

test('INSi answers 02 (several people): the desk says so and does not qualify; every first name then finds one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withTrainingDesk(page, async () => {
    // No card: the traits typed from the identity document, with the usual first name only.
    await pickExercise(page, 'INSi : plusieurs identités trouvées');
    const identity = identityPanel(page);
    await identity.getByRole('button', { name: "Saisir l'identité sans carte" }).click();
    await identity.getByLabel('Nom de naissance').fill('HOMONYME');
    await identity.getByLabel(/Prénoms de naissance/).fill('CAMILLE');
    await identity.getByText('Féminin', { exact: true }).click();
    await identity.getByLabel(/Date de naissance/).fill('12/05/1990');
    await identity.getByRole('button', { name: 'Enregistrer les traits' }).click();
    await identity.getByRole('button', { name: "Interroger l'INSi avec les traits saisis" }).click();
    const answer = identity.locator('[data-insi-outcome="02"]');
    await expect(answer).toContainText('Plusieurs identités trouvées (code 02)', { timeout: 15_000 });
    await expect(answer).toContainText('Saisissez tous les prénoms de naissance');
    await expect(identity.getByText('PROV · Provisoire')).toBeVisible();
    await expect(identity.getByText('INS retrouvé')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/admission-insi-02.png', fullPage: true });

    // Every first name from the document: one identity, retrieved; the warning goes.
    await identity.getByLabel(/Prénoms de naissance/).fill('CAMILLE LOUISE');
    await identity.getByRole('button', { name: 'Enregistrer les traits' }).click();
    await identity.getByRole('button', { name: "Interroger l'INSi avec les traits saisis" }).click();
    await expect(identity.getByText('INS retrouvé')).toBeVisible({ timeout: 15_000 });
    await expect(identity.getByText('RECUP · Récupérée')).toBeVisible();
    await expect(answer).toHaveCount(0);
  });
});

test('a new patient: a CPS is asked for before anyone tries; no DMP yet; created with the consent', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await withTrainingDesk(page, async () => {
    await pickExercise(page, "Nouveau patient à l'accueil");
    // Before anything is tried, the header says what the DMP will need.
    const practitioner = page.getByRole('group', { name: 'Professionnel' });
    await expect(practitioner).toContainText('Aucune carte CPS');
    await expect(practitioner).toContainText('Insérez la carte CPS pour accéder au DMP.');

    await page.getByRole('button', { name: 'Insérer la carte Vitale' }).click();
    const beneficiary = page
      .getByRole('listbox', { name: 'Bénéficiaires de la carte' })
      .getByRole('option', { name: /ADRTROIS.*TOUSSAINT/ });
    await expect(beneficiary).toHaveAttribute('aria-selected', 'true');
    await qualifyWithVitale(page);
    await expect(patientBanner(page)).toContainText('ADRTROIS');

    await signInWithTrainingCps(page);
    const dmp = dmpPanel(page);
    await expect(dmp.getByRole('status')).toHaveText("Ce patient n'a pas de DMP.", { timeout: 15_000 });
    // The answer names whom it is about.
    await expect(dmp).toContainText('TOUSSAINT ADRTROIS');

    // Creation: nothing is sent before the patient's consent is recorded.
    await dmp.getByRole('button', { name: 'Créer le DMP' }).click();
    const consent = dmp.getByRole('region', { name: 'Créer le DMP avec le consentement du patient' });
    const confirm = consent.getByRole('button', { name: 'Enregistrer le consentement et créer' });
    await expect(confirm).toBeDisabled();
    expect(await axeViolations(page, '.dmp-flow')).toEqual([]);
    await consent.getByText('Le patient a été informé et consent').click();
    await consent.getByText('Oralement', { exact: true }).click();
    await confirm.click();
    await expect(dmp.getByText('DMP créé.')).toBeVisible({ timeout: 15_000 });
    await expect(dmp.getByRole('status')).toHaveText('Ce patient a un DMP.', { timeout: 15_000 });
    await page.screenshot({ path: 'test-results/admission-dmp-created.png', fullPage: true });
  });
});
