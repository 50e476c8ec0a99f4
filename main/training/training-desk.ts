import type { DmpHandlers, TrainingCard, TrainingStatus } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { CallContext } from '../ipc/router';

/**
 * What a trainer does with the virtual cards: put one in a training reader, take it out. The
 * app itself sees these as ordinary reader events (the cards service cannot tell the difference),
 * so the lesson is the real workflow.
 */
export interface TrainingDesk {
  status(): TrainingStatus;
  insert(card: TrainingCard): TrainingStatus;
  remove(card: TrainingCard): TrainingStatus;
}

export function trainingHandlers(desk: TrainingDesk | undefined): DmpHandlers<CallContext>['training'] {
  const require = (): TrainingDesk => {
    if (desk === undefined) throw new AppError('TRAINING_ONLY');
    return desk;
  };
  return {
    status: async () => require().status(),
    insertCard: async ({ card }) => require().insert(card),
    removeCard: async ({ card }) => require().remove(card),
  };
}
