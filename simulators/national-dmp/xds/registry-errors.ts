import { xmlEscape } from '../../xml/safe-xml';
import { RESPONSE_STATUS } from './constants';

/**
 * RegistryError codes. IHE names where IHE defines the case (XDSUnknownPatientId and
 * XDSDocumentUniqueIdError are seen live on the DMP); DMP codes for the rights service. Names not
 * confirmed by the sources (the DMPi list was not available) are marked [I] in the report.
 */
export const XDS_ERRORS = {
  unknownPatient: 'XDSUnknownPatientId',
  patientMismatch: 'XDSPatientIdDoesNotMatch',
  metadata: 'XDSRegistryMetadataError',
  missingDocument: 'XDSMissingDocument',
  missingMetadata: 'XDSMissingDocumentMetadata',
  duplicateUniqueId: 'XDSDuplicateUniqueIdInRegistry',
  uniqueIdError: 'XDSDocumentUniqueIdError',
  unknownRepository: 'XDSUnknownRepositoryId',
  unknownStoredQuery: 'XDSUnknownStoredQuery',
  queryParam: 'XDSStoredQueryParamNumber',
  metadataVersion: 'XDSMetadataVersionError',
  metadataUpdate: 'XDSMetadataUpdateError',
  unresolvedReference: 'UnresolvedReferenceException',
  // DMP-specific [I]
  invalidCode: 'DMPInvalidCode',
  signatureMissing: 'DMPSignatureDocumentMissing',
  signatureDigest: 'DMPSignatureDigestMismatch',
  emergencyReason: 'DMPEmergencyReasonMissing',
} as const;

export interface RegistryErrorItem {
  readonly code: string;
  /** Names the element at fault (ids, metadata names), never document content. */
  readonly context: string;
}

/** Thrown by document handlers; answered as a RegistryResponse with status Failure. */
export class RegistryFailure extends Error {
  readonly errors: readonly RegistryErrorItem[];
  constructor(code: string, context: string, more: readonly RegistryErrorItem[] = []) {
    super(code);
    this.name = 'RegistryFailure';
    this.errors = [{ code, context }, ...more];
  }
}

const SEVERITY_ERROR = 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error';

export function registryErrorListXml(errors: readonly RegistryErrorItem[], prefix = 'ns2:'): string {
  return (
    `<${prefix}RegistryErrorList highestSeverity="${SEVERITY_ERROR}">` +
    errors
      .map(
        (error) =>
          `<${prefix}RegistryError codeContext="${xmlEscape(error.context)}" errorCode="${xmlEscape(error.code)}"` +
          ` location="DMP" severity="${SEVERITY_ERROR}"/>`,
      )
      .join('') +
    `</${prefix}RegistryErrorList>`
  );
}

/** The namespaces the official RegistryResponse declares (TD2.1 response). */
export const RS_NAMESPACES =
  'xmlns:ns2="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" xmlns:ns3="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"' +
  ' xmlns:ns4="urn:ihe:iti:xds-b:2007" xmlns:ns5="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"' +
  ' xmlns:ns6="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"';

export function registryResponseXml(errors: readonly RegistryErrorItem[] = []): string {
  const status = errors.length === 0 ? RESPONSE_STATUS.success : RESPONSE_STATUS.failure;
  if (errors.length === 0) return `<ns2:RegistryResponse status="${status}" ${RS_NAMESPACES}/>`;
  return `<ns2:RegistryResponse status="${status}" ${RS_NAMESPACES}>${registryErrorListXml(errors)}</ns2:RegistryResponse>`;
}
