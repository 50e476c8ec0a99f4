import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bundleChild } from '../../support/child-bundle';
import { round, type BenchResult } from '../types';

/**
 * Issue #11 item 9: the main process's memory with a 10,000-document cache, target ≤ 150 MB.
 * Measured in a fresh process (tests/bench/memory-child.ts, bundled as main is) after a full
 * collection: the resident set once one patient's 10,000 documents were cached and read back page
 * by page. Baseline, same run and same process: the same service graph with an empty cache.
 * Electron's own browser-process memory is not part of this (no Electron binary on the bench).
 */
const DOCUMENTS = 10_000;
const TARGET_MB = 150;
const run_ = promisify(execFile);

interface ChildReport {
  readonly documents: number;
  readonly before: { readonly rss: number; readonly heapUsed: number; readonly external: number };
  readonly after: { readonly rss: number; readonly heapUsed: number; readonly external: number };
  readonly maxRssMb: number;
}

export async function run(): Promise<BenchResult[]> {
  const bundle = await bundleChild('tests/bench/memory-child.ts');
  try {
    const { stdout } = await run_(process.execPath, [bundle.file, String(DOCUMENTS)], { maxBuffer: 1 << 20 });
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildReport;
    if (report.documents !== DOCUMENTS) throw new Error(`listed ${report.documents} of ${DOCUMENTS} documents`);
    return [
      {
        name: `store.main_rss_with_${DOCUMENTS}_cached_documents_mb`,
        unit: 'MB',
        median: report.after.rss,
        samples: 1,
        baseline: report.before.rss,
        ratio: round(report.after.rss / report.before.rss),
        extra: {
          targetIs: `RSS ≤ ${TARGET_MB} MB`,
          meetsTarget: report.after.rss <= TARGET_MB ? 'yes' : 'no',
          heapUsedMb: report.after.heapUsed,
          baselineHeapUsedMb: report.before.heapUsed,
          externalMb: report.after.external,
          peakRssMb: report.maxRssMb,
        },
      },
    ];
  } finally {
    await bundle.remove();
  }
}
