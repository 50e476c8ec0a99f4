import type { DmpHandlers, TrainingCard, TrainingScenario, TrainingScenarioId, TrainingStatus } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { CallContext } from '../ipc/router';

/**
 * What a trainer does with the virtual cards: put one in a training reader, take it out, start
 * a ready lesson or start it over. The app itself sees these as ordinary reader events (the cards
 * service cannot tell the difference), so the lesson is the real workflow.
 */
export interface TrainingDesk {
  status(): TrainingStatus;
  insert(card: TrainingCard): TrainingStatus;
  remove(card: TrainingCard): TrainingStatus;
  scenarios(): TrainingScenario[];
  /** Simulators and cards to the scenario's starting state. */
  startScenario(id: TrainingScenarioId): TrainingStatus;
  /** The scenario under way, to its starting state again; TRAINING_NO_SCENARIO in free practice. */
  resetScenario(): TrainingStatus;
}

/**
 * `clearDesk` empties main's side of the desk (patient in context, emergency accesses) before a
 * lesson starts; the practitioner goes with the CPS the lesson pulls out.
 */
export function trainingHandlers(
  desk: TrainingDesk | undefined,
  clearDesk: () => void,
): DmpHandlers<CallContext>['training'] {
  const require = (): TrainingDesk => {
    if (desk === undefined) throw new AppError('TRAINING_ONLY');
    return desk;
  };
  return {
    status: async () => require().status(),
    insertCard: async ({ card }) => require().insert(card),
    removeCard: async ({ card }) => require().remove(card),
    scenarios: async () => require().scenarios(),
    startScenario: async ({ scenario }) => {
      const lessons = require();
      clearDesk();
      return lessons.startScenario(scenario);
    },
    resetScenario: async () => {
      const lessons = require();
      // Refused before anything is cleared: free practice keeps its patient.
      if (lessons.status().scenario === null) throw new AppError('TRAINING_NO_SCENARIO');
      clearDesk();
      return lessons.resetScenario();
    },
  };
}
