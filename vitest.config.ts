import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node' as const,
  testTimeout: 20_000,
  hookTimeout: 60_000,
  globalSetup: ['tests/support/global-setup.ts'],
};

/**
 * Four named suites. `conformance` replays the official vectors of ../shared/vectors and must
 * always run in CI; `integration` talks to real daemons (pcscd, loopback TLS servers) that are
 * shared per machine, so its files run one at a time.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'] } },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          fileParallelism: false,
        },
      },
      { test: { ...shared, name: 'conformance', include: ['tests/conformance/**/*.test.{ts,tsx}'] } },
      {
        test: {
          ...shared,
          // Each boundary of the app fed seeded hostile input for a fixed time budget (tests/fuzz/support/fuzz.ts);
          // --expose-gc so memory growth is measured after a collection.
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          execArgv: ['--expose-gc'],
          // Budgets stretch with FUZZ_BUDGET_SCALE (a long exploratory run); the timeout stretches with them.
          testTimeout: 60_000 * Math.max(1, Number(process.env['FUZZ_BUDGET_SCALE'] ?? 1)),
        },
      },
    ],
    reporters: ['default', './tests/fuzz/support/fuzz-reporter.ts'],
  },
});
