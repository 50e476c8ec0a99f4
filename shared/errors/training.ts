import type { ErrorDefinition } from './definition';

export const TRAINING_ERRORS = {
  TRAINING_ONLY: { messageKey: 'errors.trainingOnly', retryable: false },
  TRAINING_NO_SCENARIO: { messageKey: 'errors.trainingNoScenario', retryable: false },
  TRAINING_NO_SUCH_CARD: { messageKey: 'errors.trainingNoSuchCard', retryable: false },
  TRAINING_START_FAILED: { messageKey: 'errors.trainingStartFailed', retryable: true },
} as const satisfies Record<string, ErrorDefinition>;
