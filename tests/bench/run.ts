/**
 * `npm run bench`: runs every suite in tests/bench/suites (or those named on the command line),
 * writes bench-results/report.json and prints a table. Each suite measures its own baseline
 * in the same run, so ratios compare like with like on whatever machine this is.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './types';

const root = resolve(import.meta.dirname, '../..');
const suitesDir = join(import.meta.dirname, 'suites');
const only = process.argv.slice(2);

// Start-up first: it is the report's headline entry, and it should not run on a machine already warm from other suites.
const files = (await readdir(suitesDir))
  .filter((file) => file.endsWith('.ts'))
  .sort((a, b) => Number(b === 'startup.ts') - Number(a === 'startup.ts') || a.localeCompare(b));
const selected = only.length === 0 ? files : files.filter((file) => only.includes(basename(file, '.ts')));

const results: BenchResult[] = [];
const failures: { suite: string; error: string }[] = [];
for (const file of selected) {
  const suite = basename(file, '.ts');
  process.stdout.write(`bench ${suite}…\n`);
  try {
    const module = (await import(pathToFileURL(join(suitesDir, file)).href)) as { run: () => Promise<BenchResult[]> };
    results.push(...(await module.run()));
  } catch (error) {
    failures.push({ suite, error: error instanceof Error ? error.message : String(error) });
  }
}

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  results,
  failures,
};
await mkdir(join(root, 'bench-results'), { recursive: true });
await writeFile(join(root, 'bench-results', 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

console.table(
  results.map((r) => ({
    name: r.name,
    median: `${r.median} ${r.unit}`,
    baseline: r.baseline ?? '',
    ratio: r.ratio ?? '',
    target: r.target ?? '',
  })),
);
for (const failure of failures) console.error(`suite ${failure.suite} failed: ${failure.error}`);
console.log(`report: bench-results/report.json`);
process.exitCode = failures.length > 0 ? 1 : 0;
