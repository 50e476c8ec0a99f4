import type { DmpAccessMode } from '../../shared/domain/dmp';
import { AppError, type ErrorCode } from '../../shared/errors';

/**
 * The DMP answers a refusal three ways: a SOAP fault subcode (`DMPInvalidCertificate`), an
 * HL7v3 acknowledgementDetail code (`DMPFound`, `DMPClosed`) or a web-service status
 * (`DMPAccessDeniedByRightsService`). All three are the same vocabulary; this maps it to our
 * stable codes. The full list is in the DMPi guide, which we could not read, so unknown codes
 * fall back on their name's meaning and, failing that, on DMP_REJECTED carrying the raw code.
 */
const KNOWN: Readonly<Record<string, ErrorCode>> = {
  DMPNotFound: 'DMP_NOT_FOUND',
  DMPClosed: 'DMP_CLOSED',
  DMPFound: 'DMP_ALREADY_EXISTS',
  DMPAlreadyExists: 'DMP_ALREADY_EXISTS',
  DMPAccessDenied: 'DMP_ACCESS_DENIED',
  DMPAccessDeniedByRightsService: 'DMP_ACCESS_DENIED',
  DMPInvalidCertificate: 'DMP_INVALID_CERTIFICATE',
  DMPInvalidVIHF: 'DMP_INVALID_VIHF',
  DMPVIHFInvalid: 'DMP_INVALID_VIHF',
  DMPInvalidSignature: 'DMP_INVALID_VIHF',
  DMPPatientIdMismatch: 'DMP_INS_MISMATCH',
  DMPInsMismatch: 'DMP_INS_MISMATCH',
  DMPCreationRefused: 'DMP_CREATION_REFUSED',
  DMPCreationForbidden: 'DMP_CREATION_REFUSED',
  DMPReactivationRefused: 'DMP_CREATION_REFUSED',
};

const BY_MEANING: readonly (readonly [RegExp, ErrorCode])[] = [
  // The DMP's own trouble: worth trying again later, unlike a refusal.
  [/internal|technical|technique|unavailable|indisponible|timeout/i, 'SERVICE_HTTP_ERROR'],
  [/certificat/i, 'DMP_INVALID_CERTIFICATE'],
  [/vihf|saml|assertion|token|jeton|signature/i, 'DMP_INVALID_VIHF'],
  [/oppos/i, 'DMP_PATIENT_OPPOSED'],
  [/block|bloqu|interdi|exclu|blacklist/i, 'DMP_PROFESSIONAL_BLOCKED'],
  [
    /(creat|reactiv).*(refus|forbid|denied|interdit|suspend)|(refus|forbid|denied).*(creat|reactiv)/i,
    'DMP_CREATION_REFUSED',
  ],
  [/mismatch|incoheren|inconsisten/i, 'DMP_INS_MISMATCH'],
  [/mes\b|espacesante|attachedtomes|rattach/i, 'DMP_ATTACHED_TO_MES'],
  [/clos|ferm/i, 'DMP_CLOSED'],
  [/notfound|inexist|unknownpatient|absent/i, 'DMP_NOT_FOUND'],
  [/alreadyexist|found$/i, 'DMP_ALREADY_EXISTS'],
  [/denied|forbid|unauthori|right|habilit|droit|access/i, 'DMP_ACCESS_DENIED'],
];

export function codeForDmpStatus(dmpCode: string): ErrorCode {
  const known = KNOWN[dmpCode];
  if (known !== undefined) return known;
  for (const [pattern, code] of BY_MEANING) if (pattern.test(dmpCode)) return code;
  return 'DMP_REJECTED';
}

const TOKEN = /^[A-Za-z0-9_.-]{1,80}$/;

/**
 * The AppError for a DMP refusal code; the raw code rides along in details (a token, never
 * free text). "Denied by the patient" means an opposition when the call was an emergency
 * access, and a blocked professional otherwise: two different things to tell the user.
 */
export function dmpError(dmpCode: string, options: { accessMode?: DmpAccessMode; cause?: unknown } = {}): AppError {
  const safe = TOKEN.test(dmpCode) ? dmpCode : 'unreadable';
  let code = codeForDmpStatus(dmpCode);
  if (/ByPatient$/i.test(dmpCode) && options.accessMode !== undefined) {
    code = options.accessMode === 'normal' ? 'DMP_PROFESSIONAL_BLOCKED' : 'DMP_PATIENT_OPPOSED';
  }
  return new AppError(code, { details: { dmpCode: safe }, cause: options.cause });
}

/** SOAP_FAULT with a DMP subcode becomes the matching DMP_* error; anything else passes through. */
export function refineSoapFault(error: unknown, accessMode?: DmpAccessMode): unknown {
  if (!(error instanceof AppError) || error.code !== 'SOAP_FAULT') return error;
  const subcode = error.details?.['subcode'];
  if (typeof subcode !== 'string' || subcode === '') return error;
  return dmpError(subcode, { cause: error, ...(accessMode === undefined ? {} : { accessMode }) });
}
