import { createHash } from 'node:crypto';
import { INS_OIDS } from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';
import { parseNir } from './nir';

/**
 * Legacy INS-C (2010-2020), still needed for DMPs created under it. Computed locally from the
 * beneficiary's own certified NIR, the card's first name and the card's birth date.
 */
export interface InscInput {
  readonly firstName: string;
  /** `YYMMDD`, `YYYYMMDD` or `YYYY-MM-DD`, exactly as on the card: lunar dates stay as they are. */
  readonly birthDate: string;
  /** The beneficiary's own certified NIR (13 or 15 characters). Never the holder's. */
  readonly ownNir: string | undefined;
}

export interface Insc {
  /** 20 digits + 2-digit key. */
  readonly value: string;
  readonly oid: typeof INS_OIDS.INSC;
}

/** Uppercase A-Z only, accents folded, no spaces, exactly 10 characters (space-padded). */
export function inscFirstName(firstName: string): string {
  const folded = firstName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return folded.slice(0, 10).padEnd(10, ' ');
}

function inscDate(birthDate: string): string {
  const digits = birthDate.replace(/-/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  if (/^\d{8}$/.test(digits)) return digits.slice(2);
  throw new AppError('INSC_INVALID_INPUT', { details: { field: 'birthDate' } });
}

export function computeInsc(input: InscInput): Insc {
  if (input.ownNir === undefined || input.ownNir.trim() === '') throw new AppError('INSC_NO_OWN_NIR');
  const nir = parseNir(input.ownNir);
  // Only a beneficiary's real NIR (sex digit 1 or 2) ever got an INS-C.
  if (!/^[12]/.test(nir.nir13)) throw new AppError('INSC_NIR_NOT_ELIGIBLE');
  // An empty first name is legal: the official sample has rows computed over ten spaces.
  const seed = inscFirstName(input.firstName) + inscDate(input.birthDate) + nir.nir13;
  const digest = createHash('sha256').update(seed, 'latin1').digest('hex');
  const n20 = BigInt(`0x${digest.slice(0, 16)}`);
  const key = (97n - (n20 % 97n)).toString().padStart(2, '0');
  return { value: n20.toString().padStart(20, '0') + key, oid: INS_OIDS.INSC };
}
