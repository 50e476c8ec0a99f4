/**
 * Patient identity as the desk handles it: traits (Vitale, typed, INSi), the INS, and the
 * RNIV identity status. Birth dates are strings everywhere: lunar dates (day or month 00,
 * 30 February) are real civil-status data and must survive untouched.
 */

export const INS_OIDS = {
  /** INS-NIR, production. */
  NIR: '1.2.250.1.213.1.4.8',
  /** INS-NIA: temporary identifier pending a NIR. */
  NIA: '1.2.250.1.213.1.4.9',
  /** INS-NIR of fictitious test patients. */
  NIR_TEST: '1.2.250.1.213.1.4.10',
  /** INS-NIR of demonstration patients. */
  NIR_DEMO: '1.2.250.1.213.1.4.11',
  /** Legacy INS-C (2010-2020), computed locally. */
  INSC: '1.2.250.1.213.1.4.2',
} as const;

export type InsKind = 'NIR' | 'NIA' | 'NIR_TEST' | 'NIR_DEMO';

export const IDENTITY_STATUSES = ['PROV', 'RECUP', 'VALI', 'QUAL'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** RNIV attributes (HL7 table 0445): a doubtful (DOUT) or fictitious (FICT) identity can be neither validated nor qualified. */
export const IDENTITY_ATTRIBUTES = ['DOUT', 'FICT'] as const;
export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];

/** Identity documents the RNIV accepts. A driving licence is not one of them. */
export const IDENTITY_DOCUMENT_TYPES = [
  'CNI',
  'PASSPORT',
  'RESIDENCE_PERMIT',
  'BIRTH_CERTIFICATE',
  'FAMILY_BOOKLET',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

/** Documents that only prove the identity of a minor. */
export const MINOR_ONLY_DOCUMENT_TYPES: readonly IdentityDocumentType[] = ['BIRTH_CERTIFICATE', 'FAMILY_BOOKLET'];

export type Sex = 'M' | 'F';

/** The INS traits (INSi `TIQ`): what identifies a person, as written on the civil-status record. */
export interface IdentityTraits {
  readonly birthName: string;
  /** Birth first names in civil-status order; the first is the usual one. */
  readonly firstNames: readonly string[];
  readonly sex?: Sex | undefined;
  /** `YYYY-MM-DD`, lunar values allowed. */
  readonly birthDate: string;
  /** INSEE COG code (5 characters, `99xxx` abroad). */
  readonly birthPlace?: string | undefined;
}

/**
 * What the carte Vitale says about one beneficiary, independent of how the card was read.
 * `ownNir` is the beneficiary's own certified NIR (absent for many ayants droit);
 * `holderNir` is the opening-rights holder's (OD) NIR. Both are 15 characters (13 + key).
 */
export interface VitaleIdentityInput {
  readonly lastName: string;
  readonly birthName?: string | undefined;
  readonly firstName: string;
  /** As on the card: `YYYYMMDD` (or `YYYY-MM-DD`), lunar values allowed. */
  readonly birthDate: string;
  readonly holderNir: string;
  readonly ownNir?: string | undefined;
  readonly birthRank?: number | undefined;
}

/** An INS matricule: 13 characters + 2-digit key, with the OID that says what kind it is. */
export interface Ins {
  readonly nir13: string;
  readonly key: string;
  readonly oid: string;
  readonly kind: InsKind;
  /** False when the key does not pass the mod-97 rule (the national test base has such cases). */
  readonly keyValid: boolean;
  readonly startDate?: string | undefined;
  readonly endDate?: string | undefined;
}

export interface InsiIndividual {
  readonly active: Ins;
  readonly history: readonly Ins[];
  readonly traits: IdentityTraits;
}

export type TraitField = 'birthName' | 'firstNames' | 'sex' | 'birthDate' | 'birthPlace';
export type TraitSource = 'vitale' | 'typed' | 'insi';

/** A trait on which two sources disagree; shown to the operator, never merged silently. */
export interface TraitDiscrepancy {
  readonly field: TraitField;
  readonly values: { readonly [S in TraitSource]?: string | undefined };
}

export interface DocumentCheck {
  readonly documentType: IdentityDocumentType;
  /** `YYYY-MM-DD`. */
  readonly checkedOn: string;
}

export interface IdentityRecordView {
  readonly patientId: string;
  readonly status: IdentityStatus;
  readonly attributes: readonly IdentityAttribute[];
  readonly vitale?: IdentityTraits | undefined;
  readonly typed?: IdentityTraits | undefined;
  readonly insi?: InsiIndividual | undefined;
  readonly discrepancies: readonly TraitDiscrepancy[];
  readonly documentCheck?: DocumentCheck | undefined;
  /** Whether an INSi search by card data is possible (the card gave a usable NIR). */
  readonly canSearchWithVitale: boolean;
  /** Legacy INS-C (22 digits) when the beneficiary has an own certified NIR. */
  readonly insc?: string | undefined;
}
