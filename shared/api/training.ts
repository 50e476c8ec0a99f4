import { z } from 'zod';
import { method } from './define';

/** The virtual cards a trainer can insert into the training readers. */
export const TrainingCardSchema = z.enum(['vitale', 'cps']);
export type TrainingCard = z.infer<typeof TrainingCardSchema>;

export const TrainingSlotSchema = z.object({
  card: TrainingCardSchema,
  /** Name of the virtual reader the card goes into (what the cards panel shows). */
  reader: z.string(),
  inserted: z.boolean(),
});

export const TrainingStatusSchema = z.object({
  slots: z.array(TrainingSlotSchema),
  /** Holder of the training CPS and the people on the training Vitale card, for the trainer's script. */
  practitioner: z.string(),
  beneficiaries: z.array(z.string()),
});
export type TrainingStatus = z.infer<typeof TrainingStatusSchema>;

const CardRequest = z.object({ card: TrainingCardSchema }).strict();

/** Only answered in training mode; a production desk answers TRAINING_ONLY. */
export const trainingMethods = {
  status: method(z.object({}).strict(), TrainingStatusSchema),
  insertCard: method(CardRequest, TrainingStatusSchema),
  removeCard: method(CardRequest, TrainingStatusSchema),
};
