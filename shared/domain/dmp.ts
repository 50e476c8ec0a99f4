/**
 * The national DMP, patient level: the vocabulary both main and the renderer use. Codes are
 * the DMP's own (TRE_R248 access modes, VIHF authentication modes, HL7v3 observation codes).
 */

/** VIHF `purposeofuse` (TRE_R248 ModeAcces). Break-glass must stay visible for the whole access. */
export const DMP_ACCESS_MODES = ['normal', 'bris_de_glace', 'centre_15'] as const;
export type DmpAccessMode = (typeof DMP_ACCESS_MODES)[number];

/** VIHF `Authentification_Mode`: CPS card, establishment certificate, or establishment + strong PS authentication (AIR). */
export const DMP_AUTH_MODES = ['DIRECTE', 'INDIRECTE', 'INDIRECTE_RENFORCEE'] as const;
export type DmpAuthMode = (typeof DMP_AUTH_MODES)[number];

/** TD0.2 at a glance: does the patient have a DMP, and is it open. */
export type DmpExistence = 'exists' | 'not_found' | 'closed';

/** TD0.2 `AUTORISATION`: the caller's authorization on this DMP. */
export type DmpAuthorization = 'valid' | 'none' | 'blocked' | 'expired' | 'unknown';

/** TD1.6 `mode`. */
export type DmpProfessionalMode = 'authorized' | 'blocked';

export const DMP_OIDS = {
  /** The DMP system itself (receiver device, custodian). */
  SYSTEM: '1.2.250.1.213.4.1.1.1',
  /** HL7v3 interaction ids. */
  INTERACTION: '2.16.840.1.113883.1.6',
  /** TRE_R271 TypeRequete (reasonCode). */
  REASON: '1.2.250.1.213.1.1.4.11',
  /** IdNat of health professionals and of structures. */
  PS_ID: '1.2.250.1.71.4.2.1',
  STRUCTURE_ID: '1.2.250.1.71.4.2.2',
  /** Legacy INS-C, still returned next to the INS. */
  INSC: '1.2.250.1.213.1.4.2',
  /** Administrative observation flags (oppositions, MES attachment). */
  OBSERVATION_FLAGS: '1.2.250.1.213.4.1.2.3',
  WEB_ACCOUNT: '1.2.250.1.213.4.1.2.9',
  CLOSURE_REASON: '1.2.250.1.213.4.1.2.4',
  ATTENTION_AUTHORIZATION: '1.2.250.1.213.4.1.2.6.1',
  ATTENTION_AUTHORIZATION_VALUE: '1.2.250.1.213.4.1.2.6.2',
  ATTENTION_TREATING_PHYSICIAN: '1.2.250.1.213.4.1.2.6.3',
  ACCESS_MODE: '1.2.250.1.213.1.1.4.248',
  PROFESSIONS: '1.2.250.1.71.1.2.7',
  SPECIALTIES: '1.2.250.1.71.4.2.5',
  ACTIVITY_SECTOR: '1.2.250.1.71.4.2.4',
} as const;

/** The DMP services under `/si-dmp-server/v2/services/` (`patientsPDQ`: TD0.5, search without INS). */
export type DmpServiceName =
  'patients' | 'patientsSpecific' | 'patientsPDQ' | 'habilitations' | 'registry' | 'repository';
