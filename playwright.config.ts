import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded one (`playwright install` cannot work on our machines).
export const CHROMIUM_LAUNCH = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  // Every desk started by the specs logs under test-results/e2e-logs; the teardown greps it all.
  globalSetup: './tests/e2e/support/logs-setup.ts',
  globalTeardown: './tests/e2e/support/logs-teardown.ts',
  use: {
    launchOptions: CHROMIUM_LAUNCH,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
