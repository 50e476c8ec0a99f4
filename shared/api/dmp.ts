import { z } from 'zod';
import { DMP_ACCESS_MODES } from '../domain/dmp';
import { event, method } from './define';

/** The patient, designated by INS only: matricule (13 + key) and the OID saying which INS kind. */
export const DmpPatientRefSchema = z
  .object({
    matricule: z.string().regex(/^[0-9]{6}[0-9AB][0-9]{8}$/),
    oid: z.string().regex(/^[0-2](\.[0-9]+)+$/),
  })
  .strict();
export type DmpPatientRef = z.infer<typeof DmpPatientRefSchema>;

export const DmpAccessModeSchema = z.enum(DMP_ACCESS_MODES);

/** Civil-status name of the patient (INS traits), needed by the HL7v3 messages that revise a record. */
export const DmpPatientNameSchema = z
  .object({
    family: z.string().min(1).max(100),
    given: z.string().min(1).max(100),
    prefix: z.enum(['M', 'MME']).optional(),
  })
  .strict();

/** Longest reason accepted: a sentence or two, enough to justify the access, short enough for one VIHF attribute. */
export const DMP_EMERGENCY_REASON_MAX_LENGTH = 500;

/**
 * Why a bris de glace / centre 15 access is made, typed by the professional (may be health data).
 * Blank is let through here so main can answer with its own stable code rather than a schema error.
 */
export const DmpEmergencyReasonSchema = z.string().trim().max(DMP_EMERGENCY_REASON_MAX_LENGTH);

/**
 * The patient a call is about, as main's patient session names it. Never an INS: main resolves
 * the id to the INS of a qualified identity, or refuses (IDENTITY_NOT_QUALIFIED).
 */
export const PatientIdSchema = z.uuid();

const patientRequest = {
  patientId: PatientIdSchema,
  accessMode: DmpAccessModeSchema.default('normal'),
  /** Mandatory for bris_de_glace and centre_15, ignored in normal mode. */
  emergencyReason: DmpEmergencyReasonSchema.optional(),
};

export const DMP_EMERGENCY_MODES = ['bris_de_glace', 'centre_15'] as const;

/** An emergency access that succeeded and stays flagged until the user ends it. The reason is not kept. */
export const DmpEmergencySessionSchema = z
  .object({
    id: z.uuid(),
    mode: z.enum(DMP_EMERGENCY_MODES),
    patientId: PatientIdSchema,
    startedAt: z.string().datetime(),
  })
  .strict();
export type DmpEmergencySession = z.infer<typeof DmpEmergencySessionSchema>;

const EmergencySessions = z.object({ sessions: z.array(DmpEmergencySessionSchema) }).strict();

const nullableBoolean = z.boolean().nullable();

export const DmpAccessStatusSchema = z
  .object({
    existence: z.enum(['exists', 'not_found', 'closed']),
    authorization: z.enum(['valid', 'none', 'blocked', 'expired', 'unknown']),
    /** The caller is the patient's médecin traitant on the DMP (STATUT_MT). */
    treatingPhysician: nullableBoolean,
    oppositions: z.object({ breakGlass: nullableBoolean, emergency: nullableBoolean }).strict(),
    webAccountOpen: nullableBoolean,
    /** Attached to Mon espace santé: administration (TD1.3b, TD1.4) is then done by the patient. */
    attachedToMes: nullableBoolean,
    closedOn: z.string().nullable(),
    checkedAt: z.string(),
  })
  .strict();
export type DmpAccessStatus = z.infer<typeof DmpAccessStatusSchema>;

export const DmpConsentSchema = z
  .object({
    /** The patient was informed and agreed; the desk records who said so and when. */
    given: z.literal(true),
    collectedAt: z.string().datetime(),
    form: z.enum(['oral', 'written']),
  })
  .strict();
export type DmpConsent = z.infer<typeof DmpConsentSchema>;

export const DmpTelecomSchema = z.object({ use: z.string().max(10).nullable(), value: z.string().max(200) }).strict();

export const DmpAddressSchema = z
  .object({
    lines: z.array(z.string().max(200)).max(5),
    postalCode: z.string().max(20).nullable(),
    city: z.string().max(100).nullable(),
    country: z.string().max(100).nullable(),
  })
  .strict();

export const DmpAdministrativeDataSchema = z
  .object({
    status: z.enum(['active', 'closed']),
    name: z
      .object({ family: z.string().nullable(), given: z.string().nullable(), prefix: z.string().nullable() })
      .strict(),
    sex: z.string().nullable(),
    birthDate: z.string().nullable(),
    telecoms: z.array(DmpTelecomSchema),
    address: DmpAddressSchema.nullable(),
    oppositions: z.object({ breakGlass: nullableBoolean, emergency: nullableBoolean }).strict(),
    legalRepresentatives: z.number().int().min(0),
  })
  .strict();
export type DmpAdministrativeData = z.infer<typeof DmpAdministrativeDataSchema>;

export const DmpAuthorizedPatientSchema = z
  .object({
    identifiers: z.array(z.object({ id: z.string(), type: z.string() }).strict()),
    lastName: z.string().nullable(),
    firstName: z.string().nullable(),
    birthDate: z.string().nullable(),
    treatingPhysician: z.boolean(),
    lastAccessDate: z.string().nullable(),
    lastUpdateDate: z.string().nullable(),
    lastAddDate: z.string().nullable(),
  })
  .strict();
export type DmpAuthorizedPatient = z.infer<typeof DmpAuthorizedPatientSchema>;

export const DmpProfessionalSchema = z
  .object({
    nationalId: z.string(),
    nationalIdType: z.string().nullable(),
    lastName: z.string().nullable(),
    firstName: z.string().nullable(),
    specialties: z.array(z.string()),
    since: z.string().nullable(),
    lastActionDate: z.string().nullable(),
    mode: z.enum(['authorized', 'blocked']),
    treatingPhysician: z.boolean(),
  })
  .strict();
export type DmpProfessional = z.infer<typeof DmpProfessionalSchema>;

/** TD0.5: traits a regulator searches by, without INS (a family name at least). */
export const DmpSearchTraitsSchema = z
  .object({
    family: z.string().trim().min(1).max(100),
    given: z.string().trim().min(1).max(100).optional(),
    sex: z.enum(['M', 'F']).optional(),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();

/** One patient the DMP found by traits (TD0.5), with how well it matches and its opposition to régulation. */
export const DmpSearchCandidateSchema = z
  .object({
    identifiers: z.array(z.object({ id: z.string(), type: z.string() }).strict()),
    family: z.string().nullable(),
    birthFamily: z.string().nullable(),
    given: z.string().nullable(),
    sex: z.string().nullable(),
    birthDate: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    match: z.number().int().min(0).max(100).nullable(),
    emergencyOpposed: z.boolean().nullable(),
  })
  .strict();
export type DmpSearchCandidate = z.infer<typeof DmpSearchCandidateSchema>;

const Done = z.object({ done: z.literal(true) }).strict();

export const dmpMethods = {
  /** TD0.2: existence, the caller's authorization, médecin traitant, oppositions. */
  checkAccess: method(z.object(patientRequest).strict(), DmpAccessStatusSchema),
  /** TD0.3: declare oneself authorized (or remove it); optionally as médecin traitant. */
  setAuthorization: method(
    z
      .object({
        ...patientRequest,
        action: z.enum(['grant', 'revoke']),
        treatingPhysician: z.boolean().default(false),
      })
      .strict(),
    z.object({ done: z.literal(true), alreadyInState: z.boolean() }).strict(),
  ),
  /** TD0.4: DMPs the caller is authorized on, since a date. */
  listAuthorized: method(
    z
      .object({
        since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        dateType: z.enum(['authorization', 'document']).default('authorization'),
      })
      .strict(),
    z.object({ patients: z.array(DmpAuthorizedPatientSchema) }).strict(),
  ),
  /**
   * TD1.1: create a DMP with the patient's consent (refused by the production service since 2021).
   * Name, sex and birth date are the qualified identity's, taken by main.
   */
  create: method(z.object({ ...patientRequest, consent: DmpConsentSchema }).strict(), Done),
  /** TD1.2: reactivate a closed DMP with the patient's consent. */
  reactivate: method(z.object({ ...patientRequest, consent: DmpConsentSchema }).strict(), Done),
  /** TD1.3a. */
  getAdministrativeData: method(z.object(patientRequest).strict(), DmpAdministrativeDataSchema),
  /** TD1.3b: only for DMPs not attached to Mon espace santé. The civil-status traits are the identity's. */
  updateAdministrativeData: method(
    z
      .object({
        ...patientRequest,
        telecoms: z.array(DmpTelecomSchema).max(10).optional(),
        address: DmpAddressSchema.optional(),
        oppositions: z.object({ breakGlass: z.boolean(), emergency: z.boolean() }).strict().optional(),
      })
      .strict(),
    Done,
  ),
  /** TD1.4: close at the patient's request. */
  close: method(z.object(patientRequest).strict(), Done),
  /** TD1.6: professionals authorized on, or blocked from, the patient's DMP. */
  listProfessionals: method(
    z.object({ ...patientRequest, filter: z.enum(['all', 'authorized', 'blocked']).default('all') }).strict(),
    z.object({ professionals: z.array(DmpProfessionalSchema) }).strict(),
  ),
  /** Emergency accesses in progress (kept in main so every window shows the same banner). */
  emergencySessions: method(z.object({}).strict(), EmergencySessions),
  /** The user ends one emergency access explicitly; answers the sessions still open. */
  endEmergencySession: method(z.object({ id: z.uuid() }).strict(), EmergencySessions),
  /** TD0.5: patients found by traits, without INS; régulation (centre 15) only, with its reason. */
  searchPatients: method(
    z
      .object({
        traits: DmpSearchTraitsSchema,
        accessMode: z.literal('centre_15'),
        emergencyReason: DmpEmergencyReasonSchema,
      })
      .strict(),
    z.object({ candidates: z.array(DmpSearchCandidateSchema).max(100), total: z.number().int().min(0) }).strict(),
  ),
};

export const dmpEvents = {
  'dmp.emergencySessionsChanged': event(EmergencySessions),
};
