import { expect, test } from '@playwright/test';
import { admitAuthorizedTrainingPatient, axeViolations, navigateTo, withTrainingDesk } from './support/flows';

/**
 * The picture tour: with a patient at the desk and a doctor signed in, each main screen in each
 * language — saved under test-results/tour/ (the README's tour is taken from there) and audited
 * with axe, so no screen is only checked empty.
 */
const SCREENS = {
  fr: ['Accueil', 'Consultation', 'Documents', 'Historique', 'Paramètres'],
  en: ['Desk', 'Consultation', 'Documents', 'History', 'Settings'],
} as const;
const FILE_NAMES = ['desk', 'consultation', 'documents', 'history', 'settings'] as const;
/** The lock screen's words: the CPS pulled, then put back and unlocked with its PIN. */
const LOCK = {
  fr: {
    pull: 'Retirer la carte CPS',
    insert: 'Insérer la carte CPS',
    title: 'Session verrouillée : la carte CPS a été retirée',
    pin: 'Code porteur (4 chiffres)',
    unlock: 'Déverrouiller',
  },
  en: {
    pull: 'Remove the CPS card',
    insert: 'Insert the CPS card',
    title: 'Session locked: the CPS card was removed',
    pin: 'PIN (4 digits)',
    unlock: 'Unlock',
  },
} as const;

test('each main screen, in French and in English, with a patient in context', async ({ page }) => {
  test.setTimeout(180_000);
  await withTrainingDesk(page, async () => {
    await admitAuthorizedTrainingPatient(page);
    for (const language of ['fr', 'en'] as const) {
      if (language === 'en') await page.getByRole('banner').getByRole('radio', { name: 'English' }).click();
      for (const [index, screen] of SCREENS[language].entries()) {
        await navigateTo(page, screen);
        await expect(page.getByRole('navigation').getByRole('button', { name: screen })).toHaveAttribute(
          'aria-current',
          'page',
        );
        // The patient's banner is on every screen, whatever the language.
        await expect(page.getByText('CORSE ANTHONY')).toBeVisible();
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
        await page.screenshot({ path: `test-results/tour/${language}-${FILE_NAMES[index]}.png`, fullPage: true });
        expect((await axeViolations(page, 'body')).map((id) => `${language} ${screen}: ${id}`)).toEqual([]);
      }
      // The lock screen, over the last screen: the CPS pulled, then back with its PIN.
      const words = LOCK[language];
      await page.getByRole('button', { name: words.pull }).click();
      const lock = page.getByRole('alertdialog', { name: words.title });
      await expect(lock).toBeVisible();
      await page.screenshot({ path: `test-results/tour/${language}-session-lock.png` });
      expect((await axeViolations(page, 'body')).map((id) => `${language} lock: ${id}`)).toEqual([]);
      await page.getByRole('button', { name: words.insert }).click();
      await lock.getByLabel(words.pin).fill('1234');
      await lock.getByRole('button', { name: words.unlock }).click();
      await expect(lock).toBeHidden({ timeout: 15_000 });
    }
  });
});
