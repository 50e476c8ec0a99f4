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
    const times: Record<'baseline' | 'production' | 'training', number[]> = {
      baseline: [],
      production: [],
      training: [],
    };
    const harnessIn = (mode: 'production' | 'training') => async () => {
      const harness = await startHarness({ mode });
      return { url: harness.url, stop: async () => (await harness.stop(), await removeDir(harness.userDataDir)) };
    };
    // Interleave so machine noise hits every side alike.
    for (let i = 0; i < RUNS; i++) {
      times.baseline.push(await timeToFirstRender(browser, startBaseline));
      times.production.push(await timeToFirstRender(browser, harnessIn('production')));
      times.training.push(await timeToFirstRender(browser, harnessIn('training')));
    }
    const baseline = median(times.baseline);
    const entry = (mode: 'production' | 'training', what: string): BenchResult => ({
      name: `startup.browser_harness_cold_start_to_first_render.${mode}`,
      unit: 'ms',
      median: round(median(times[mode]), 1),
      samples: RUNS,
      baseline: round(baseline, 1),
      ratio: round(median(times[mode]) / baseline),
      extra: { min: round(Math.min(...times[mode]), 1), max: round(Math.max(...times[mode]), 1), what },
    });
    return [
      entry('production', 'services + websocket + renderer, no national service configured'),
      entry('training', 'plus a fresh test PKI, the INSi and DMP simulators and virtual cards'),
    ];
  } finally {
    await browser.close();
  }
}
