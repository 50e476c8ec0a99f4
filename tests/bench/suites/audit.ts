import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { AUDIT_JOURNAL_FILE, createAuditTrail } from '../../../main/audit/trail';
import { silentLogger } from '../../../main/log/logger';
import { openDeskStore } from '../../support/desk-store';
import { median, round, type BenchResult } from '../types';

const APPENDS = 200;
const JOURNAL_LINES = 20_000;
const PATIENTS = 200;
const READS = 7;

const patientRef = (n: number) => ({ matricule: `1800${String(n).padStart(9, '0')}23`, oid: '1.2.250.1.213.1.4.8' });

/**
 * The audit trail's two costs: one journaled transaction (HMAC, chain link, append + fsync, anchor in the store),
 * against the bare durable append of the same bytes; and one patient's history out of a
 * 20,000-line journal (read, verify every link, filter), against reading and parsing it unverified.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-bench-audit-'));
  let closeStore = async (): Promise<void> => undefined;
  try {
    // The real vault: each append also anchors the journal's head in the encrypted store.
    const { store, vault } = await openDeskStore(dir);
    closeStore = () => store.close();
    const trail = createAuditTrail({ dir, logger: silentLogger, vault });
    const record = (n: number) =>
      trail.record({
        transaction: 'TD3.2',
        accessMode: n % 50 === 0 ? 'bris_de_glace' : 'normal',
        professional: '899900038839',
        request: { patient: patientRef(n % PATIENTS), uniqueId: `1.2.250.1.999.${n}` },
        result: { mediaType: 'application/pdf' },
      });
    await record(0);

    const appendTimes: number[] = [];
    const baselineTimes: number[] = [];
    const line = Buffer.from(`${'x'.repeat(300)}\n`);
    const baselineFile = join(dir, 'baseline.jsonl');
    for (let n = 1; n <= APPENDS; n++) {
      let started = performance.now();
      await record(n);
      appendTimes.push(performance.now() - started);
      started = performance.now();
      const handle = await open(baselineFile, 'a', 0o600);
      await handle.write(line);
      await handle.sync();
      await handle.close();
      baselineTimes.push(performance.now() - started);
    }

    for (let n = APPENDS + 1; n < JOURNAL_LINES; n++) await record(n);
    const file = join(dir, AUDIT_JOURNAL_FILE);
    const readTimes: number[] = [];
    const parseTimes: number[] = [];
    let entries = 0;
    for (let i = 0; i < READS; i++) {
      let started = performance.now();
      const history = await trail.accesses(patientRef(7));
      readTimes.push(performance.now() - started);
      entries = history.total;
      if (history.chain !== 'intact') throw new Error('bench journal broken');
      started = performance.now();
      const text = await readFile(file, 'utf8');
      let kept = 0;
      for (const raw of text.trimEnd().split('\n')) if ((JSON.parse(raw) as { patient: string }).patient !== '') kept++;
      parseTimes.push(performance.now() - started);
      if (kept !== JOURNAL_LINES) throw new Error(`bench journal has ${kept} lines`);
    }

    const appendMedian = median(appendTimes);
    const appendBaseline = median(baselineTimes);
    const readMedian = median(readTimes);
    const readBaseline = median(parseTimes);
    return [
      {
        name: 'audit: journal one DMP transaction (HMAC + chain + append + fsync)',
        unit: 'ms',
        median: round(appendMedian, 3),
        samples: APPENDS,
        baseline: round(appendBaseline, 3),
        ratio: round(appendMedian / appendBaseline),
      },
      {
        name: `audit: one patient's history from a ${JOURNAL_LINES}-line journal (verify + filter)`,
        unit: 'ms',
        median: round(readMedian),
        samples: READS,
        baseline: round(readBaseline),
        ratio: round(readMedian / readBaseline),
        extra: { entries, lines: JOURNAL_LINES },
      },
    ];
  } finally {
    await closeStore();
    await rm(dir, { recursive: true, force: true });
  }
}
