import { z } from 'zod';
import { PinStateSchema } from './cards';
import { DmpAccessStatusSchema, PatientIdSchema } from './dmp';
import { IdentityStatusSchema } from './identity';
import { event, method } from './define';

/**
 * The patient at the desk, as main's patient session shows it: what the screens display and
 * nothing more. The INS appears only once the identity is qualified, for display; calls name
 * the patient by `patientId`, never by INS.
 */
export const PatientSummarySchema = z
  .object({
    patientId: PatientIdSchema,
    status: IdentityStatusSchema,
    family: z.string().max(100),
    given: z.string().max(100),
    birthDate: z.string().max(10),
    sex: z.enum(['M', 'F']).optional(),
    /** The matricule and its kind, shown on the banner once the identity is QUAL. */
    ins: z
      .object({ matricule: z.string().max(15), kind: z.enum(['NIR', 'NIA', 'NIR_TEST', 'NIR_DEMO']) })
      .strict()
      .optional(),
    /**
     * The patient's DMP as the last TD0.2 answer said (from this run or kept by the store), with
     * when it was asked: the banner shows its age. Only for the INS of a qualified identity.
     */
    dmp: DmpAccessStatusSchema.pick({ existence: true, authorization: true, checkedAt: true }).strict().optional(),
  })
  .strict();
export type PatientSummary = z.infer<typeof PatientSummarySchema>;

/** The practitioner whose CPS is in a reader: bound to that card, gone the moment it is pulled. */
export const PractitionerSummarySchema = z
  .object({
    reader: z.string().min(1).max(200),
    nationalId: z.string().max(30),
    lastName: z.string().max(64),
    firstName: z.string().max(64),
    /** TRE_G15 profession code (`10` médecin) and TRE_R01 specialty code (`SM26`), as the card holds them. */
    profession: z.string().max(8),
    specialty: z.string().max(8).optional(),
    /**
     * The profession and specialty in words, from the ANS value set JDV_J01 (e.g. "Médecin",
     * "Médecin - Qualifié en Médecine Générale (SM)"); absent when the code is not in it.
     */
    professionLabel: z.string().max(200).optional(),
    specialtyLabel: z.string().max(200).optional(),
    pin: PinStateSchema,
  })
  .strict();
export type PractitionerSummary = z.infer<typeof PractitionerSummarySchema>;

/**
 * How the desk signs its DMP calls: the CPS in the reader (VIHF DIRECTE), the establishment
 * certificate (AIR), or not at all because no DMP is configured.
 */
export const DmpSignatureSchema = z.enum(['cps', 'establishment', 'not_configured']);

export const DeskSessionSchema = z
  .object({
    patient: PatientSummarySchema.nullable(),
    practitioner: PractitionerSummarySchema.nullable(),
    dmpSignature: DmpSignatureSchema,
  })
  .strict();
export type DeskSession = z.infer<typeof DeskSessionSchema>;

export const sessionMethods = {
  /** Who is at the desk now. */
  current: method(z.object({}).strict(), DeskSessionSchema),
  /** Makes an already opened patient session the current one (change of patient). */
  selectPatient: method(z.object({ patientId: PatientIdSchema }).strict(), DeskSessionSchema),
  /** No patient in context (the desk is about to admit the next one); they stay in today's list. */
  leavePatient: method(z.object({}).strict(), DeskSessionSchema),
  /** The patients opened at this desk today, most recently used first: "change patient" picks from here. */
  patients: method(z.object({}).strict(), z.object({ patients: z.array(PatientSummarySchema).max(500) }).strict()),
  /**
   * "Forget this patient": removes every trace the desk keeps of them (their sessions of the day,
   * DMP status and cached documents) and clears them from the desk if they are in context. The
   * consent journal and the audit trail are records, not caches: they stay.
   */
  forgetPatient: method(
    z.object({ patientId: PatientIdSchema }).strict(),
    z
      .object({
        forgotten: z
          .object({
            sessions: z.number().int().min(0),
            documents: z.number().int().min(0),
            dmpStatus: z.number().int().min(0),
            /** Deposits or changes of this patient still waiting in the outbox: kept, they are not a cache. */
            pendingDeliveries: z.number().int().min(0),
          })
          .strict(),
      })
      .strict(),
  ),
};

export const sessionEvents = {
  /** The patient in context, their identity status or the practitioner changed: every patient-bound view follows. */
  'session.changed': event(DeskSessionSchema),
};
