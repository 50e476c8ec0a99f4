import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API } from '../../shared/api';
import { removeDir, startHarness } from './support/harness';

test.describe('app shell in the browser harness', () => {
  test('loads in French, switches to English, and keeps English after a restart', async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    const first = await startHarness();
    try {
      await page.goto(first.url);
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accueil du patient');
      await expect(page.getByRole('status')).toContainText('Mode formation');
      // The one-time token is wiped from the address bar once used.
      expect(page.url()).not.toContain('token=');
      // The websocket adapter gives the page the same `window.dmp` as the Electron preload: the contract's groups.
      expect(await page.evaluate(() => Object.keys((window as { dmp?: object }).dmp ?? {}).sort())).toEqual(
        [...Object.keys(API), 'on'].sort(),
      );
      await page.screenshot({ path: 'test-results/shell-fr.png', fullPage: true });

      await page.getByRole('button', { name: 'Paramètres' }).click();
      await page.getByRole('main').getByRole('radio', { name: 'English' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByText('Preferences saved.')).toBeVisible();
      await page.screenshot({ path: 'test-results/shell-en-settings.png', fullPage: true });

      const saved = JSON.parse(await readFile(join(first.userDataDir, 'settings.json'), 'utf8')) as {
        language: string;
      };
      expect(saved.language).toBe('en');
    } finally {
      await first.stop();
    }

    // A new main process reading the same user-data folder: the choice must have survived.
    const second = await startHarness({ userDataDir: first.userDataDir });
    try {
      await page.goto(second.url);
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patient admission');
      await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
      await page.screenshot({ path: 'test-results/shell-en.png', fullPage: true });
    } finally {
      await second.stop();
      await removeDir(first.userDataDir);
    }
    expect(consoleErrors).toEqual([]);
  });

  test('a used or missing session link gives a clear error, not a blank page', async ({ page, context }) => {
    const harness = await startHarness();
    try {
      await page.goto(harness.url);
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      const second = await context.newPage();
      await second.goto(harness.url);
      await expect(second.getByRole('alert')).toHaveAttribute('data-error-code', 'TRANSPORT_UNAUTHORIZED');
      await expect(second.getByRole('heading', { level: 1 })).toHaveText("L'application n'a pas pu démarrer.");
    } finally {
      await harness.stop();
      await removeDir(harness.userDataDir);
    }
  });

  test('tells the user when the local service goes away', async ({ page }) => {
    const harness = await startHarness();
    try {
      await page.goto(harness.url);
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      await harness.stop();
      await expect(page.getByRole('alert')).toContainText('Connexion au service local perdue');
    } finally {
      await removeDir(harness.userDataDir);
    }
  });

  test('every screen passes an automated accessibility check', async ({ page }) => {
    const harness = await startHarness();
    try {
      await page.goto(harness.url);
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      for (const name of ['Accueil', 'Consultation', 'Documents', 'Historique', 'Paramètres']) {
        await page.getByRole('navigation').getByRole('button', { name }).click();
        await expect(page.getByRole('navigation').getByRole('button', { name })).toHaveAttribute(
          'aria-current',
          'page',
        );
        const audit = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        expect(audit.violations.map((violation) => `${name}: ${violation.id}`)).toEqual([]);
      }
    } finally {
      await harness.stop();
      await removeDir(harness.userDataDir);
    }
  });
});
