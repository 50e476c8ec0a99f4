import { z } from 'zod';
import type { CardInReader, CardsStatus, CpsHolder, PinState, ReaderState, VitaleBeneficiary } from '../domain/cards';
import { event, method } from './define';

export const CardKindSchema = z.enum(['vitale2', 'cps3', 'vitale1', 'unsupported']);

export const CardInReaderSchema = z
  .object({ kind: CardKindSchema, atr: z.string().regex(/^(?:[0-9A-F]{2}){2,33}$/) })
  .strict() satisfies z.ZodType<CardInReader>;

export const ReaderStateSchema = z
  .object({ name: z.string().min(1).max(200), card: CardInReaderSchema.optional() })
  .strict() satisfies z.ZodType<ReaderState>;

export const CardsStatusSchema = z
  .object({
    backend: z.enum(['pcsc', 'virtual']),
    service: z.enum(['starting', 'ready', 'unavailable']),
    readers: z.array(ReaderStateSchema).max(32).readonly(),
  })
  .strict() satisfies z.ZodType<CardsStatus>;

export const VitaleBeneficiarySchema = z
  .object({
    index: z.number().int().min(0).max(31),
    lastName: z.string().max(64),
    firstName: z.string().max(64),
    birthDate: z.string().max(16),
    nir: z.string().max(15),
    nationality: z.string().max(32).optional(),
  })
  .strict() satisfies z.ZodType<VitaleBeneficiary>;

export const CpsHolderSchema = z
  .object({
    nationalId: z.string().regex(/^[0-9A-Z]{2,30}$/),
    nationalIdType: z.enum(['0', '1', '3', '4', '5', '6', '8']),
    lastName: z.string().max(64),
    firstName: z.string().max(64),
    profession: z.string().max(8),
    specialty: z.string().max(8).optional(),
  })
  .strict() satisfies z.ZodType<CpsHolder>;

export const PinStateSchema = z
  .object({
    maxTries: z.number().int().min(0).max(15),
    triesLeft: z.number().int().min(0).max(15),
    verified: z.boolean(),
  })
  .strict() satisfies z.ZodType<PinState>;

const ReaderRequest = z.object({ reader: z.string().min(1).max(200) }).strict();

export const cardsMethods = {
  /** Readers, the card in each one and whether PC/SC itself is up. */
  status: method(z.object({}).strict(), CardsStatusSchema),
  /** Every beneficiary of the carte Vitale in `reader`. */
  readVitale: method(ReaderRequest, z.object({ beneficiaries: z.array(VitaleBeneficiarySchema) }).strict()),
  /** Identity of the CPS holder and the PIN counter. Reading the identity needs no PIN. */
  cpsHolder: method(ReaderRequest, z.object({ holder: CpsHolderSchema, pin: PinStateSchema }).strict()),
  /**
   * Presents the PIN. Not 4 digits -> PIN_FORMAT (checked in main so the card never sees it);
   * wrong -> PIN_WRONG with `triesLeft`; blocked -> PIN_BLOCKED.
   */
  verifyPin: method(z.object({ reader: z.string().min(1).max(200), pin: z.string().max(16) }).strict(), PinStateSchema),
};

export const cardsEvents = {
  /** Any change of service state, reader list or card presence. */
  'cards.changed': event(CardsStatusSchema),
};
