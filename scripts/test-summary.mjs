// Prints one closing line for the whole run ("N passed, N failed") from the runners' JSON
// reports, and fails the run if any test was skipped: a skipped test hides what it checks.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const vitest = read('test-results/vitest.json');
const e2e = read('test-results/e2e-report.json');

const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const missing = [vitest ? undefined : 'vitest', e2e ? undefined : 'e2e'].filter(Boolean);

if (missing.length > 0) console.log(`test: no report from ${missing.join(', ')} (the runner did not finish)`);
if (skipped > 0) console.log(`test: ${skipped} skipped test(s): remove the skip or the test`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || skipped > 0 || missing.length > 0 || passed === 0 ? 1 : 0;
