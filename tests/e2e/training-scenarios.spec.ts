import { expect, test, type Page } from '@playwright/test';
import {
  axeViolations,
  dmpPanel,
  pickExercise,
  qualifyWithVitale,
  region,
  typePinInDialog,
  withTrainingDesk,
} from './support/flows';

/**
 * A trainer's exercises from the training banner: pick one, the simulators and the virtual
 * cards are set to its starting state (both cards already in the readers here), the trainee
 * goes through the admission and the desk shows the situation the exercise is about. Starting
 * over brings the desk back to an empty start.
 */

/**
 * The card already in the reader, its only beneficiary already chosen by the desk: INSi, identity
 * document, then the CPS PIN and TD0.2.
 */
async function admitAndCheckDmp(page: Page, beneficiary: RegExp): Promise<void> {
  await expect(
    page.getByRole('listbox', { name: 'Bénéficiaires de la carte' }).getByRole('option', { name: beneficiary }),
  ).toHaveAttribute('aria-selected', 'true');
  await qualifyWithVitale(page);
  await page.getByRole('button', { name: 'Saisir le code porteur' }).click();
  await typePinInDialog(page);
  await dmpPanel(page).getByRole('button', { name: 'Vérifier à nouveau' }).click();
}

test('the trainer picks "closed DMP", then "blocked doctor", and starts over', async ({ page }) => {
  test.setTimeout(120_000);
  await withTrainingDesk(page, async () => {
    // The banner meets WCAG A/AA in free practice (the shell's check) and during an exercise.
    expect(await axeViolations(page, '.training-banner')).toEqual([]);
    await pickExercise(page, 'DMP fermé');
    expect(await axeViolations(page, '.training-banner')).toEqual([]);
    const script = region(page, "Déroulé de l'exercice");
    await expect(script).toContainText('Patient : TCHITCHI CATARINA');
    // Both cards are in the readers already: the banner offers to pull them.
    await expect(page.getByRole('button', { name: 'Retirer la carte Vitale' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retirer la carte CPS' })).toBeVisible();

    await admitAndCheckDmp(page, /TCHITCHI.*CATARINA/);
    const dmp = dmpPanel(page);
    await expect(dmp.getByRole('status')).toHaveText('Le DMP de ce patient est fermé.', { timeout: 15_000 });
    // What the trainer looks at: the exercise's script (the banner stays in sight) and the DMP's answer.
    await dmp.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/training-scenario-closed-dmp.png' });

    // Starting over: an empty desk again, the card waiting for a beneficiary to be chosen.
    await page.getByRole('button', { name: "Recommencer l'exercice" }).click();
    await expect(region(page, 'Identité du patient').getByText('QUAL · Qualifiée')).toBeHidden();
    await expect(page.getByRole('listbox', { name: 'Bénéficiaires de la carte' })).toBeVisible({ timeout: 15_000 });
    await expect(dmp.getByText('Le DMP de ce patient est fermé.')).toBeHidden();

    await pickExercise(page, 'Le patient a bloqué le médecin');
    await expect(script).toContainText('Patient : ECETINSI PIERRE-ALAIN');
    await admitAndCheckDmp(page, /ECETINSI.*PIERRE-ALAIN/);
    await expect(dmp.getByText('Le patient vous a bloqué')).toBeVisible({ timeout: 15_000 });
    await dmp.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/training-scenario-blocked-doctor.png' });
  });
});
