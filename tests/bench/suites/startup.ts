import { spawn } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { CHROMIUM_LAUNCH } from '../../../playwright.config';
import { removeDir, startHarness } from '../../e2e/support/harness';
import { median, round, type BenchResult } from '../types';

const RUNS = 5;

/**
 * The baseline: the cheapest possible "process starts, page renders" on this machine — a bare
 * Node HTTP server process and a static page — timed the same way as the harness.
 */
const BASELINE_SERVER = `
const http = require('node:http');
const page = '<!doctype html><html><body><h1>ready</h1><script>document.documentElement.dataset.appReady="true"</script></body></html>';
const server = http.createServer((_q, r) => { r.writeHead(200, {'content-type': 'text/html'}); r.end(page); });
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port + '/' })));
process.on('SIGTERM', () => process.exit(0));
`;

async function startBaseline(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', BASELINE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url)),
  );
  return {
    url,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function timeToFirstRender(
  browser: Browser,
  start: () => Promise<{ url: string; stop: () => Promise<void> }>,
): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const server = await start();
  try {
    await page.goto(server.url);
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    return performance.now() - started;
  } finally {
    await context.close();
    await server.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const harnessTimes: number[] = [];
    const baselineTimes: number[] = [];
    // Interleave so machine noise hits both sides alike.
    for (let i = 0; i < RUNS; i++) {
      baselineTimes.push(await timeToFirstRender(browser, startBaseline));
      harnessTimes.push(
        await timeToFirstRender(browser, async () => {
          const harness = await startHarness();
          return { url: harness.url, stop: async () => (await harness.stop(), await removeDir(harness.userDataDir)) };
        }),
      );
    }
    const harness = median(harnessTimes);
    const baseline = median(baselineTimes);
    return [
      {
        name: 'startup.browser_harness_cold_start_to_first_render',
        unit: 'ms',
        median: round(harness, 1),
        samples: RUNS,
        baseline: round(baseline, 1),
        ratio: round(harness / baseline),
        extra: { min: round(Math.min(...harnessTimes), 1), max: round(Math.max(...harnessTimes), 1) },
      },
    ];
  } finally {
    await browser.close();
  }
}
