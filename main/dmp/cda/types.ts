import type { CodedValue, DocumentAuthor, DocumentPatient, DocumentStructure } from '../../../shared/domain/documents';

/** Media types an N1 (unstructured) document may embed, with their XDS-SD formatCode. */
export const N1_MEDIA_TYPES = {
  'application/pdf': 'urn:ihe:iti:xds-sd:pdf:2008',
  'text/plain': 'urn:ihe:iti:xds-sd:text:2008',
} as const;

export type N1MediaType = keyof typeof N1_MEDIA_TYPES;

/** The version a replacement supersedes (relatedDocument RPLC, and the XDS RPLC association). */
export interface ReplacedDocument {
  readonly uniqueId: string;
  readonly setId: string;
  readonly versionNumber: number;
  /** The registry entryUUID of the replaced DocumentEntry (ITI-41 RPLC targets it). */
  readonly entryUuid: string;
}

export interface CdaN1Input {
  /** OID of this document version (CDA id/@root, XDS uniqueId). */
  readonly uniqueId: string;
  /** OID shared by every version; for a replacement it is taken from `replaces`. */
  readonly setId?: string;
  readonly title: string;
  /** LOINC or TRE_A05 document type (XDS typeCode). */
  readonly typeCode: CodedValue;
  readonly effectiveTime: Date;
  readonly serviceStart: Date;
  readonly serviceStop?: Date;
  readonly patient: DocumentPatient;
  readonly author: DocumentAuthor;
  readonly structure: DocumentStructure;
  /** Defaults to the author: the person who takes responsibility for the content. */
  readonly legalAuthenticator?: DocumentAuthor;
  readonly body: { readonly mediaType: N1MediaType; readonly content: Uint8Array };
  readonly replaces?: ReplacedDocument;
}
