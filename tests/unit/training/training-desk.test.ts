import { describe, expect, it } from 'vitest';
import type { TrainingDesk } from '../../../main/training/training-desk';
import { trainingHandlers } from '../../../main/training/training-desk';
import type { TrainingScenarioId, TrainingStatus } from '../../../shared/api';
import { useTempDir } from '../../support/temp-dir';
import { createTestServices } from '../../support/test-services';

const tempDir = useTempDir('dmp-training-desk-');
const context = { transport: 'websocket' } as const;

/** A desk that records what it was asked, in order, with the desk clearing. */
function recordingDesk(scenario: TrainingScenarioId | null): { desk: TrainingDesk; calls: string[] } {
  const calls: string[] = [];
  const status = (): TrainingStatus => ({
    slots: [],
    practitioner: 'ADEMIS TRAL',
    beneficiaries: [],
    scenario: scenario === null ? null : { id: scenario, patient: 'X', withVitale: true },
  });
  const desk: TrainingDesk = {
    status,
    insert: () => status(),
    remove: () => status(),
    scenarios: () => [],
    startScenario: (id) => {
      calls.push(`start ${id}`);
      return status();
    },
    resetScenario: () => {
      calls.push('reset');
      return status();
    },
  };
  return { desk, calls };
}

describe('training handlers', () => {
  it('a production desk answers TRAINING_ONLY to every training method, at the router', async () => {
    const services = createTestServices(await tempDir(), { mode: 'production' });
    try {
      const requests: Record<string, unknown> = {
        'training.status': {},
        'training.insertCard': { card: 'vitale' },
        'training.removeCard': { card: 'cps' },
        'training.scenarios': {},
        'training.startScenario': { scenario: 'closed-dmp' },
        'training.resetScenario': {},
      };
      for (const [channel, request] of Object.entries(requests)) {
        expect(await services.router.dispatch(channel, request, context), channel).toMatchObject({
          ok: false,
          error: { code: 'TRAINING_ONLY' },
        });
      }
      // The contract refuses a scenario it does not list before any handler runs.
      expect(
        await services.router.dispatch('training.startScenario', { scenario: 'drop-tables' }, context),
      ).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_REQUEST', details: { path: 'scenario' } } });
    } finally {
      await services.dispose();
    }
  });

  it('empties the desk before a scenario starts or starts over', async () => {
    const { desk, calls } = recordingDesk('closed-dmp');
    const handlers = trainingHandlers(desk, () => calls.push('clear desk'));
    await handlers.startScenario({ scenario: 'blocked-doctor' }, context);
    await handlers.resetScenario({}, context);
    expect(calls).toEqual(['clear desk', 'start blocked-doctor', 'clear desk', 'reset']);
  });

  it('in free practice, a reset is refused and the patient at the desk stays', async () => {
    const { desk, calls } = recordingDesk(null);
    const handlers = trainingHandlers(desk, () => calls.push('clear desk'));
    await expect(handlers.resetScenario({}, context)).rejects.toMatchObject({ code: 'TRAINING_NO_SCENARIO' });
    expect(calls).toEqual([]);
  });
});
