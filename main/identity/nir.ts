import { AppError } from '../../shared/errors';

/**
 * NIR (numéro d'inscription au répertoire) and the numbers that share its shape: 13 characters
 * (sex, year, month, département incl. Corsican 2A/2B, commune, order) plus a 2-digit key.
 */
export type NirCategory = 'nir' | 'temporary';

export interface ParsedNir {
  readonly nir13: string;
  /** Present when the input had 15 characters; it has then been checked. */
  readonly key: string | undefined;
  readonly category: NirCategory;
  readonly sex: 'M' | 'F';
}

// Month is not restricted to 01-12: incomplete civil records use 20-42 and 50+.
const NIR13 = /^[1-478]\d{4}(?:\d{2}|2[AB])\d{6}$/;

/** Strips the spaces and dots people type or print between groups; uppercases the Corsican letter. */
export function normalizeNir(input: string): string {
  return input.replace(/[\s.]/g, '').toUpperCase();
}

/** 97 − (N mod 97), with 2A → 19 and 2B → 18 so the number stays numeric. */
export function computeNirKey(nir13: string): string {
  if (!NIR13.test(nir13)) throw new AppError('NIR_MALFORMED');
  const numeric = nir13.slice(0, 5) + nir13.slice(5, 7).replace('2A', '19').replace('2B', '18') + nir13.slice(7);
  // N exceeds 2^53: BigInt keeps the arithmetic exact.
  const key = 97n - (BigInt(numeric) % 97n);
  return key.toString().padStart(2, '0');
}

export function isNirKeyValid(nir13: string, key: string): boolean {
  return /^\d{2}$/.test(key) && NIR13.test(nir13) && computeNirKey(nir13) === key;
}

/**
 * Parses a NIR typed or read from a card: 13 characters, or 15 with a key that must match.
 * Throws NIR_MALFORMED or NIR_INVALID_KEY; the number itself never goes into the error.
 */
export function parseNir(input: string): ParsedNir {
  const value = normalizeNir(input);
  if (value.length !== 13 && value.length !== 15)
    throw new AppError('NIR_MALFORMED', { details: { length: value.length } });
  const nir13 = value.slice(0, 13);
  if (!NIR13.test(nir13)) throw new AppError('NIR_MALFORMED');
  const key = value.length === 15 ? value.slice(13) : undefined;
  if (key !== undefined && computeNirKey(nir13) !== key) throw new AppError('NIR_INVALID_KEY');
  const first = nir13.charAt(0);
  // 7/8 are the NNP temporary numbers (sex 7 = male, 8 = female); 3/4 older foreign-born registrations.
  const category: NirCategory = first === '7' || first === '8' ? 'temporary' : 'nir';
  const sex = first === '1' || first === '3' || first === '7' ? 'M' : 'F';
  return { nir13, key, category, sex };
}
