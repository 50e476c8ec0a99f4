import Sqlite from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openStore } from '../../../main/store/client';
import { openDatabase, type Db } from '../../../main/store/database';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import { migrate } from '../../../main/store/migrations';
import { DOCUMENTS_PAGE_MAX, STORE_OPS, type CachedDocument, type PatientKey } from '../../../main/store/ops';
import { testKeystore } from '../../support/test-keystore';
import { median, round, type BenchResult } from '../types';

const DOCUMENTS = 10_000;
const OTHER_PATIENTS_DOCUMENTS = 5_000;
const ROUNDS = 40;
const PATIENT: PatientKey = { oid: '1.2.250.1.213.1.4.8', matricule: '279035121518989' };
const TYPES = ['11488-4', '34133-9', '18842-5', '11506-3', '60591-5'];

/**
 * The queries of a Documents screen over one patient's cache: every document (page by page, as a
 * virtualized table loads them), every document of one type, and one screenful of a type and status.
 */
const QUERIES = {
  all: { query: { patient: PATIENT }, pages: true },
  byType: { query: { patient: PATIENT, typeCode: '34133-9' }, pages: true },
  byStatusPage: { query: { patient: PATIENT, status: 'approved', typeCode: '11488-4', limit: 50 }, pages: false },
} as const;
type QueryName = keyof typeof QUERIES;
const NAMES = Object.keys(QUERIES) as QueryName[];

type ListParams = Parameters<(typeof STORE_OPS)['documents.list']>[1];

/** Runs one query to its end: every page when it pages, else the one page asked. Resolves to the row count. */
async function runQuery(list: (params: ListParams) => CachedDocument[] | Promise<CachedDocument[]>, name: QueryName) {
  const { query, pages } = QUERIES[name];
  let rows = 0;
  for (let offset = 0; ; offset += DOCUMENTS_PAGE_MAX) {
    const page = await list({ ...query, offset });
    rows += page.length;
    if (!pages || page.length < DOCUMENTS_PAGE_MAX) return rows;
  }
}

const documentsOf = (count: number, prefix: string): CachedDocument[] =>
  Array.from({ length: count }, (_, n) => ({
    uniqueId: `1.2.250.1.999.${prefix}.${n}`,
    entryUuid: `urn:uuid:${prefix}-${n}`,
    title: `Compte rendu ${n} — consultation de suivi`,
    typeCode: TYPES[n % TYPES.length]!,
    status: n % 10 === 0 ? 'deprecated' : 'approved',
    creationTime: `2026${String(10_000_000 + n).slice(-8)}`,
    cachedAt: '2026-12-05T09:00:00.000Z',
  }));

function fill(db: Db): void {
  STORE_OPS['documents.put'](db, { patient: PATIENT, documents: documentsOf(DOCUMENTS, 'p') });
  STORE_OPS['documents.put'](db, {
    patient: { ...PATIENT, matricule: '180032B02040123' },
    documents: documentsOf(OTHER_PATIENTS_DOCUMENTS, 'o'),
  });
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function timeQueries(db: Db): Promise<Record<QueryName, number[]>> {
  const times = { all: [] as number[], byType: [] as number[], byStatusPage: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of NAMES) {
      const started = performance.now();
      const rows = await runQuery((params) => STORE_OPS['documents.list'](db, params), name);
      times[name].push(performance.now() - started);
      if (name === 'all' && rows !== DOCUMENTS) throw new Error(`listed ${rows} documents`);
    }
  }
  return times;
}

/**
 * The encrypted store with 10,000 cached documents of one patient (and 5,000 of another):
 * list and filter p50/p95, SQLCipher 4 against plain SQLite on the same schema and rows in the
 * same run (target ratio <= 1.3); then the same queries through the store's worker thread while
 * the main thread's event-loop delay is monitored (target worst <= 20 ms), against running them
 * on the main thread.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-bench-store-'));
  try {
    const encrypted = openDatabase(join(dir, 'encrypted.sqlite'), randomBytes(32));
    const plain = new Sqlite(join(dir, 'plain.sqlite'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('foreign_keys = ON');
    plain.pragma('synchronous = FULL');
    migrate(plain);
    fill(encrypted);
    fill(plain);
    // Warm both caches the same way, then alternate so neither gets the quieter machine.
    await timeQueries(encrypted);
    await timeQueries(plain);
    const encryptedTimes = await timeQueries(encrypted);
    const plainTimes = await timeQueries(plain);
    encrypted.close();
    plain.close();

    const results: BenchResult[] = NAMES.map((name) => {
      const p50 = median(encryptedTimes[name]);
      const baseline = median(plainTimes[name]);
      return {
        name: `store.documents.${name} (10k docs, SQLCipher vs plain)`,
        unit: 'ms',
        median: round(p50, 3),
        samples: ROUNDS,
        baseline: round(baseline, 3),
        ratio: round(p50 / baseline),
        target: 1.3,
        extra: {
          p95: round(percentile(encryptedTimes[name], 95), 3),
          baselineP95: round(percentile(plainTimes[name], 95), 3),
        },
      };
    });

    // Through the worker: the main thread only posts and receives (structured clone of the rows).
    const store = await openStore({
      dir: join(dir, 'store'),
      keys: createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }),
    });
    await store.call('documents.put', { patient: PATIENT, documents: documentsOf(DOCUMENTS, 'p') });
    // The noise floor: the same monitor over an idle main thread of the same length (this machine is shared).
    const idle = monitorEventLoopDelay({ resolution: 1 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    idle.disable();
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const workerTimes: number[] = [];
    histogram.enable();
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of NAMES) {
        const started = performance.now();
        await runQuery((params) => store.call('documents.list', params), name);
        workerTimes.push(performance.now() - started);
      }
    }
    histogram.disable();
    const workerWorst = histogram.max / 1e6;
    await store.close();

    // Baseline: the same queries on the main thread, as a connection owned by it would run them.
    const direct = openDatabase(join(dir, 'in-thread.sqlite'), randomBytes(32));
    STORE_OPS['documents.put'](direct, { patient: PATIENT, documents: documentsOf(DOCUMENTS, 'p') });
    const blocking = monitorEventLoopDelay({ resolution: 1 });
    blocking.enable();
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of NAMES) {
        await runQuery(async (params) => {
          // Yield between pages, as the worker path does, so the histogram sees each block.
          await new Promise((resolve) => setImmediate(resolve));
          return STORE_OPS['documents.list'](direct, params);
        }, name);
      }
    }
    blocking.disable();
    direct.close();

    results.push({
      name: 'store.worker main-thread worst event-loop delay (list/filter 10k docs)',
      unit: 'ms',
      median: round(workerWorst, 1),
      samples: ROUNDS * NAMES.length,
      baseline: round(blocking.max / 1e6, 1),
      ratio: round(workerWorst / (blocking.max / 1e6)),
      extra: {
        targetMs: 20,
        p99Ms: round(histogram.percentile(99) / 1e6, 1),
        idleWorstMs: round(idle.max / 1e6, 1),
        workerQueryP50Ms: round(median(workerTimes), 2),
        workerQueryP95Ms: round(percentile(workerTimes, 95), 2),
      },
    });
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
