import type { DmpAccessMode, DmpAuthMode } from '../../../shared/domain/dmp';

/** One `subject:role` value (HL7 CE): the profession first, then the speciality for médecins and pharmaciens. */
export interface VihfRole {
  readonly code: string;
  readonly codeSystem: string;
  readonly codeSystemName?: string;
  readonly displayName?: string;
}

/** Who calls: the practitioner (or the person responsible, for automated processing). */
export interface VihfPractitioner {
  /** IdNat of the PS, e.g. `899900063480`. */
  readonly nationalId: string;
  readonly firstName: string;
  readonly lastName: string;
  /** 1..4 roles, profession first (G15, e.g. `10` médecin), then speciality (R01, e.g. `SM26`). */
  readonly roles: readonly VihfRole[];
}

export interface VihfStructure {
  /** Structure IdNat (FINESS or SIRET-based, e.g. `499900063480001`). */
  readonly id: string;
  /** TRE_R02 SecteurActivite code, e.g. `SA07`. */
  readonly activitySector: string;
  /** Appended to subject-id ("Prénom Nom [service]") when set. */
  readonly service?: string;
}

export interface VihfSoftware {
  readonly name: string;
  readonly version: string;
  /** DMP homologation number of the LPS. */
  readonly homologationId: string;
  /** Installation id (optional). */
  readonly installId?: string;
}

export interface VihfInput {
  readonly practitioner: VihfPractitioner;
  readonly structure: VihfStructure;
  readonly software: VihfSoftware;
  readonly authMode: DmpAuthMode;
  readonly accessMode: DmpAccessMode;
  /** The patient the call is about (absent for calls about no patient, e.g. TD0.4). */
  readonly patient?: { readonly matricule: string; readonly oid: string } | undefined;
  /** Why a bris de glace / centre 15 access is made; only carried in those modes. */
  readonly emergencyReason?: string | undefined;
  /** AIR: how the PS was strongly authenticated (AuthnContextDecl). */
  readonly strongAuthContext?: string;
}
