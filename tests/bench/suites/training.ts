import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../../main/log/logger';
import { startTrainingEnvironment } from '../../../main/training/training-environment';
import { TrainingScenarioIdSchema } from '../../../shared/api';
import { createAdmin } from '../../../simulators/national-dmp/admin';
import { seedStore } from '../../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../../simulators/national-dmp/store/store';
import { median, round, type BenchResult } from '../types';

const RUNS = 21;

/**
 * What a trainer waits for after picking an exercise: the DMP simulator's state file wiped and
 * seeded again with the training documents, the exercise's state, fresh cards built and inserted.
 * Baseline = the bare reset of the same kind of file, without documents, cards or exercise state.
 */
async function startScenario(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-training-'));
  const environment = await startTrainingEnvironment({ dataDir: join(dir, 'training'), logger: silentLogger });
  const bare = new SimulatorStore(join(dir, 'bare.sqlite'));
  try {
    const desk = environment.servicesConfig.training;
    if (desk === undefined) throw new Error('no training desk');
    seedStore(bare, new Date());
    const admin = createAdmin(bare);
    const ids = TrainingScenarioIdSchema.options;
    const ours: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const id = ids[run % ids.length] ?? 'closed-dmp';
      let started = performance.now();
      desk.startScenario(id);
      ours.push(performance.now() - started);
      started = performance.now();
      admin.reset();
      floor.push(performance.now() - started);
    }
    const m = median(ours);
    const b = median(floor);
    return {
      name: 'training.start_scenario',
      unit: 'ms',
      median: round(m),
      samples: RUNS,
      baseline: round(b),
      ratio: round(m / b),
    };
  } finally {
    bare.close();
    await environment.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  return [await startScenario()];
}
