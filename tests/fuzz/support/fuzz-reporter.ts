import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one line per fuzzed boundary after the run: how many cases ran in its budget, with which
 * seed, its slowest case and heap growth. Visible in plain `npx vitest run` output.
 */
export default class FuzzReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const summary = test.meta().fuzz;
        if (summary === undefined) continue;
        const outcomes = Object.entries(summary.outcomes)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([name, count]) => `${name} ${count}`)
          .join(', ');
        lines.push(
          `  ${summary.boundary.padEnd(34)} ${String(summary.cases).padStart(7)} cases in ${summary.ms} ms` +
            ` (slowest ${summary.slowestCaseMs} ms, heap ${summary.heapGrowthMb >= 0 ? '+' : ''}${summary.heapGrowthMb} MB; ${outcomes})`,
        );
      }
    }
    if (lines.length === 0) return;
    const seed = process.env['FUZZ_SEED'] ?? 'default 0x20261206';
    process.stdout.write(`\n Fuzzing (seed ${seed}):\n${lines.sort().join('\n')}\n`);
  }
}
