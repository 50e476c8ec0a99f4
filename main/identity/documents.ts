import {
  IDENTITY_DOCUMENT_TYPES,
  MINOR_ONLY_DOCUMENT_TYPES,
  type IdentityDocumentType,
} from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';

const ADULT_AGE = 18;

/**
 * Whether the person is a minor on `onDate`, from a birth date that may be lunar. With an
 * unknown month or day the answer is only given when it cannot depend on them; otherwise
 * `undefined` (unknown), which callers treat as "not proven a minor".
 */
export function isMinorOn(birthDate: string, onDate: string): boolean | undefined {
  const birth = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(birthDate);
  const on = /^(\d{4})-(\d{2})-(\d{2})$/.exec(onDate);
  if (birth === null || on === null) return undefined;
  const [, by = '', bm = '', bd = ''] = birth;
  const [, oy = '', om = '', od = ''] = on;
  const years = Number(oy) - Number(by);
  if (years !== ADULT_AGE) return years < ADULT_AGE;
  const birthMonth = Number(bm);
  if (birthMonth < 1 || birthMonth > 12) return undefined;
  if (Number(om) !== birthMonth) return Number(om) < birthMonth;
  const birthDay = Number(bd);
  if (birthDay < 1 || birthDay > 31) return undefined;
  return Number(od) < birthDay;
}

/** Refuses a document type the RNIV does not accept for this person (IDENTITY_DOCUMENT_NOT_ALLOWED). */
export function assertDocumentAllowed(type: string, birthDate: string, checkedOn: string): IdentityDocumentType {
  const allowed = IDENTITY_DOCUMENT_TYPES.find((t) => t === type);
  if (allowed === undefined) throw new AppError('IDENTITY_DOCUMENT_NOT_ALLOWED', { details: { reason: 'type' } });
  if (MINOR_ONLY_DOCUMENT_TYPES.includes(allowed) && isMinorOn(birthDate, checkedOn) !== true) {
    throw new AppError('IDENTITY_DOCUMENT_NOT_ALLOWED', { details: { reason: 'not_minor' } });
  }
  return allowed;
}
