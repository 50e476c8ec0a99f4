import { z } from 'zod';
import { method } from './define';

/** The virtual cards a trainer can insert into the training readers. */
export const TrainingCardSchema = z.enum(['vitale', 'cps']);
export type TrainingCard = z.infer<typeof TrainingCardSchema>;

/**
 * The ready lessons of the seed documents' "simulateur pour s'exercer", one per situation a
 * desk meets: each sets the simulators and the virtual cards to its starting state.
 */
export const TrainingScenarioIdSchema = z.enum([
  'new-patient',
  'insi-no-match',
  'insi-several',
  'deposit-replace',
  'blocked-doctor',
  'emergency-access',
  'closed-dmp',
]);
export type TrainingScenarioId = z.infer<typeof TrainingScenarioIdSchema>;

export const TrainingScenarioSchema = z.object({
  id: TrainingScenarioIdSchema,
  /** The lesson's patient (family name, first name), for the trainer's script. */
  patient: z.string(),
  /** Whether the patient brings a carte Vitale (without one, the identity is typed from a document). */
  withVitale: z.boolean(),
});
export type TrainingScenario = z.infer<typeof TrainingScenarioSchema>;

export const TrainingSlotSchema = z.object({
  card: TrainingCardSchema,
  /** Name of the virtual reader the card goes into (what the cards panel shows). */
  reader: z.string(),
  inserted: z.boolean(),
});

export const TrainingStatusSchema = z.object({
  /** One slot per card of the lesson (no Vitale slot when the patient came without one). */
  slots: z.array(TrainingSlotSchema),
  /** Holder of the training CPS and the people on the training Vitale card, for the trainer's script. */
  practitioner: z.string(),
  beneficiaries: z.array(z.string()),
  /** The lesson under way; null for free practice with the demonstration cards. */
  scenario: TrainingScenarioSchema.nullable(),
});
export type TrainingStatus = z.infer<typeof TrainingStatusSchema>;

const CardRequest = z.object({ card: TrainingCardSchema }).strict();

/** Only answered in training mode; a production desk answers TRAINING_ONLY. */
export const trainingMethods = {
  status: method(z.object({}).strict(), TrainingStatusSchema),
  insertCard: method(CardRequest, TrainingStatusSchema),
  removeCard: method(CardRequest, TrainingStatusSchema),
  scenarios: method(z.object({}).strict(), z.array(TrainingScenarioSchema)),
  /** Starts a lesson from its starting state: simulators reset, cards built and inserted, the desk emptied. */
  startScenario: method(z.object({ scenario: TrainingScenarioIdSchema }).strict(), TrainingStatusSchema),
  /** The lesson under way, back to its starting state (TRAINING_NO_SCENARIO in free practice). */
  resetScenario: method(z.object({}).strict(), TrainingStatusSchema),
};
