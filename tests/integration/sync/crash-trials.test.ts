import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/client';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import { storeKeyProtectionFor } from '../../../main/store/keys/protection';
import { bundleChild, type ChildBundle } from '../../support/child-bundle';
import { PATB_QUATRE } from '../../support/outbox-deposits';
import { useDmpSimulator } from '../../support/simulated-dmp';
import type { SyncChildConfig } from '../../support/sync-child';
import { useTempDir } from '../../support/temp-dir';

/**
 * Issue #11 item 5: the desk's process killed with SIGKILL at random points of a sync of many
 * deposits, 100 times, restarted each time. Each run is a real Node process (store + engine +
 * DMP connection, tests/support/sync-child.ts) against the national DMP simulator over mutual
 * TLS; it enqueues a few deposits and drains the outbox until the parent kills it. At the end
 * the simulator must hold every enqueued document exactly once, and the outbox must be empty.
 *
 * The kill points come from a seeded generator (CRASH_TRIALS_SEED to replay another sequence).
 */
const TRIALS = 100;
const DEPOSITS_PER_TRIAL = 3;
const SEED = Number(process.env['CRASH_TRIALS_SEED'] ?? 20_261_206);
/**
 * Kills land between these fractions of one uninterrupted run's duration, measured first on this
 * machine: start-up, recovery, enqueue, mid-deposit, lookup. Fixed delays would, on a faster or a
 * busier machine than the one they were tuned on, mostly kill a process already done (or not started).
 */
const KILL_WINDOW = { from: 0.1, to: 1 };

const tempDir = useTempDir('dmp-desk-crash-trials-');
const simulated = useDmpSimulator({ pkiName: 'crash-trials' });

let bundle: ChildBundle;
beforeAll(async () => {
  bundle = await bundleChild('tests/support/sync-child.ts');
}, 120_000);
afterAll(async () => {
  await bundle.remove();
});

/** mulberry32: a small, seedable generator, so a failing sequence of kills can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface ChildRun {
  readonly killed: boolean;
  /** The last progress line the child printed before it ended. */
  readonly stage: 'none' | 'started' | 'enqueued' | 'drained';
  readonly stdout: string;
}

function runChild(configFile: string, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle.file, configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      const last = lines.at(-1)?.split(' ')[0] ?? '';
      const stage = last === 'started' || last === 'enqueued' || last === 'drained' ? last : 'none';
      if (signal === 'SIGKILL') resolve({ killed: true, stage, stdout });
      else if (code === 0) resolve({ killed: false, stage, stdout });
      else reject(new Error(`sync child exited with ${code ?? signal}:\n${stderr}`));
    });
  });
}

describe('sync crash trials', () => {
  it(`every deposit reaches the DMP exactly once through ${TRIALS} SIGKILLs at random points`, async () => {
    const dir = await tempDir();
    const credentials = simulated.credentials();
    const { signer: _signer, logger: _logger, now: _now, ...dmp } = simulated.dmpConfig();
    const configFor = (prefix: string, count: number): SyncChildConfig => ({
      storeDir: join(dir, 'store'),
      dmp: { ...dmp, timeoutMs: 5_000 },
      sign: credentials.cps.sign,
      enqueue: { prefix, count },
      pdfBytes: 2_048,
    });

    // One run left to finish alone gives the window the kills are spread over.
    const calibration = join(dir, 'calibration.json');
    await writeFile(calibration, JSON.stringify(configFor('tcalibration', DEPOSITS_PER_TRIAL)));
    const started = performance.now();
    expect((await runChild(calibration)).stage).toBe('drained');
    const runMs = performance.now() - started;
    const killAfterMs = { min: Math.max(20, runMs * KILL_WINDOW.from), max: runMs * KILL_WINDOW.to };

    const random = seeded(SEED);
    const runs: ChildRun[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const file = join(dir, `trial-${trial}.json`);
      await writeFile(file, JSON.stringify(configFor(`t${trial}`, DEPOSITS_PER_TRIAL)));
      const killAfter = killAfterMs.min + Math.floor(random() * (killAfterMs.max - killAfterMs.min));
      runs.push(await runChild(file, killAfter));
    }
    // The kills did land in the sync, not only around it: some mid-drain, some before anything was enqueued.
    const killedBy = (stage: ChildRun['stage']) => runs.filter((run) => run.killed && run.stage === stage).length;
    const summary = `seed ${SEED}, one run ${Math.round(runMs)} ms: killed before start-up ended ${killedBy('none')}, after start ${killedBy('started')}, mid-drain ${killedBy('enqueued')}, ended by itself ${runs.filter((run) => !run.killed).length}`;
    expect(runs.filter((run) => run.killed).length, summary).toBeGreaterThanOrEqual(TRIALS / 2);
    expect(killedBy('enqueued'), summary).toBeGreaterThanOrEqual(10);
    expect(killedBy('started') + killedBy('none'), summary).toBeGreaterThanOrEqual(5);

    // The desk comes back once more and is left to finish.
    const last = join(dir, 'final.json');
    await writeFile(last, JSON.stringify(configFor('final', 0)));
    const final = await runChild(last);
    expect(final.stage).toBe('drained');

    const store = await openStore({
      dir: join(dir, 'store'),
      keys: createKeyProvider(
        storeKeyProtectionFor({ mode: 'training', configured: undefined, env: {}, keystore: undefined }),
      ),
    });
    let rows;
    try {
      rows = await store.call('outbox.list', { limit: 100_000 });
    } finally {
      await store.close();
    }
    // Nothing pending, sending, checking, failed or waiting: only what was sent (kept a while for the screen).
    expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(TRIALS);

    const inDmp = simulated.simulator.admin
      .listDocuments(PATB_QUATRE.patient.matricule)
      .filter((document) => !document.isSignature && document.title?.startsWith('Compte rendu t') === true)
      .map((document) => document.uniqueId);
    const copies = new Map<string, number>();
    for (const uniqueId of inDmp) copies.set(uniqueId, (copies.get(uniqueId) ?? 0) + 1);
    expect([...copies.values()].filter((count) => count !== 1)).toEqual([]);
    expect([...copies.keys()].sort()).toEqual(rows.map((row) => row.uniqueId).sort());
  }, 600_000);
});
