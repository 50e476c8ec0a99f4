/**
 * Documents of the DMP (issue 6): what the client needs to build a CDA R2 N1 document, its XDS
 * metadata, and to read back registry answers. Pure data, shared by main and the renderer.
 */

/** A code with its system, as CDA (`code/@codeSystem`) and XDS (`codingScheme`) both carry it. */
export interface CodedValue {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

/** An instance identifier: HL7 II (`root` OID + `extension`). */
export interface Identifier {
  readonly root: string;
  readonly extension: string;
}

export type AdministrativeSex = 'M' | 'F' | 'U';

export interface DocumentPatient {
  /** INS (NIR/NIA) with its OID: 1.2.250.1.213.1.4.8 in production, .10 for test identities. */
  readonly ins: Identifier;
  /** The local patient id (IPP), root = the structure's OID. */
  readonly localId?: Identifier;
  readonly birthFamily: string;
  readonly givenNames: string;
  readonly sex: AdministrativeSex;
  /** YYYYMMDD (lunar dates exist: kept as a string, never a Date). */
  readonly birthDate: string;
  /** Birth place as its INSEE COG code (99xxx abroad), one of the INS traits the CI-SIS requires. */
  readonly birthPlaceCode: string;
}

export interface DocumentAuthor {
  /** RPPS-based national id (IdNat_PS), e.g. 899900063480; OID 1.2.250.1.71.4.2.1. */
  readonly nationalId: string;
  readonly family: string;
  readonly given: string;
  /** Profession/specialty, e.g. G15_10/SM26 in TRE_G15 (1.2.250.1.213.1.1.4.5). */
  readonly specialty: CodedValue;
}

export interface DocumentStructure {
  /** Structure national id (IdNat_Struct), OID 1.2.250.1.71.4.2.2. */
  readonly id: string;
  readonly name: string;
  /** healthcareFacilityTypeCode (TRE_R02, 1.2.250.1.71.4.2.4), e.g. SA07. */
  readonly facilityType: CodedValue;
  /** practiceSettingCode (TRE_A01, 1.2.250.1.213.1.1.4.9), e.g. AMBULATOIRE. */
  readonly practiceSetting: CodedValue;
}

/** Confidentiality codes of the DMP beyond the mandatory `N` (TRE_A07, JDV_J58). */
export type VisibilityCode = 'MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX';

export const VISIBILITY_CODES: readonly VisibilityCode[] = [
  'MASQUE_PS',
  'INVISIBLE_PATIENT',
  'INVISIBLE_REPRESENTANTS_LEGAUX',
];

export type AvailabilityStatus = 'approved' | 'deprecated' | 'archived' | 'deleted';

/** A DocumentEntry as the registry returns it (ITI-18 LeafClass). */
export interface DocumentEntrySummary {
  readonly entryUuid: string;
  readonly logicalId: string;
  readonly uniqueId: string;
  readonly status: AvailabilityStatus;
  readonly version?: string;
  readonly title?: string;
  readonly mimeType?: string;
  readonly typeCode?: CodedValue;
  readonly classCode?: CodedValue;
  readonly formatCode?: CodedValue;
  readonly practiceSetting?: CodedValue;
  readonly facilityType?: CodedValue;
  /** Every confidentiality code, `N` included. */
  readonly confidentiality: readonly string[];
  readonly creationTime?: string;
  readonly serviceStartTime?: string;
  readonly serviceStopTime?: string;
  readonly submissionTime?: string;
  readonly authorPersons: readonly string[];
  readonly authorInstitutions: readonly string[];
  readonly repositoryUniqueId?: string;
  readonly size?: number;
  readonly hash?: string;
  readonly patientId?: string;
}
