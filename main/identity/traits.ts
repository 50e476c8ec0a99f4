import type {
  IdentityTraits,
  TraitDiscrepancy,
  TraitField,
  TraitSource,
  VitaleIdentityInput,
} from '../../shared/domain/identity';
import { AppError } from '../../shared/errors';

/**
 * Names as the INS référentiel writes them: uppercase, no accents, words joined by a space, a
 * hyphen (single or double) or an apostrophe. Hyphens and apostrophes are part of the name and
 * are kept; any other character is dropped.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[\u2019\u02bc`´]/g, "'")
    .replace(/[^A-Z' -]/g, ' ')
    .replace(/\s*(--?|')\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export const INSI_NAME = /^[A-Z]+((-{1,2}|[' ])[A-Z]+)*$/;

/** `YYYY-MM-DD` from `YYYYMMDD` or `YYYY-MM-DD`; lunar values pass untouched. */
export function normalizeBirthDate(value: string): string {
  const digits = value.replace(/-/g, '');
  if (!/^\d{8}$/.test(digits)) throw new AppError('INSI_INVALID_TRAITS', { details: { field: 'birthDate' } });
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}

/** Checks and normalises typed traits; throws INSI_INVALID_TRAITS naming the field. */
export function normalizeTraits(traits: IdentityTraits): IdentityTraits {
  const birthName = normalizeName(traits.birthName);
  if (!INSI_NAME.test(birthName)) throw new AppError('INSI_INVALID_TRAITS', { details: { field: 'birthName' } });
  const firstNames = traits.firstNames.flatMap((name) => normalizeName(name).split(' ')).filter((n) => n !== '');
  // A compound first name (JEAN-PIERRE) is one name; the list is split on spaces only.
  if (firstNames.length === 0 || !firstNames.every((n) => INSI_NAME.test(n))) {
    throw new AppError('INSI_INVALID_TRAITS', { details: { field: 'firstNames' } });
  }
  const birthPlace = traits.birthPlace?.trim().toUpperCase();
  if (birthPlace !== undefined && birthPlace !== '' && !/^[0-9][0-9AB][0-9]{3}$/.test(birthPlace)) {
    throw new AppError('INSI_INVALID_TRAITS', { details: { field: 'birthPlace' } });
  }
  return {
    birthName,
    firstNames,
    ...(traits.sex === undefined ? {} : { sex: traits.sex }),
    birthDate: normalizeBirthDate(traits.birthDate),
    ...(birthPlace === undefined || birthPlace === '' ? {} : { birthPlace }),
  };
}

/** The card gives one first name (possibly several words) and the birth name when it differs from the used one. */
export function traitsFromVitale(input: VitaleIdentityInput): IdentityTraits {
  return {
    birthName: normalizeName(input.birthName ?? input.lastName),
    firstNames: normalizeName(input.firstName)
      .split(' ')
      .filter((n) => n !== ''),
    birthDate: normalizeBirthDate(input.birthDate),
  };
}

const FIELDS: readonly TraitField[] = ['birthName', 'firstNames', 'sex', 'birthDate', 'birthPlace'];

function fieldText(traits: IdentityTraits, field: TraitField): string | undefined {
  switch (field) {
    case 'birthName':
      return normalizeName(traits.birthName);
    case 'firstNames':
      return traits.firstNames.map(normalizeName).join(' ');
    case 'sex':
      return traits.sex;
    case 'birthDate':
      return traits.birthDate.replace(/-/g, '');
    case 'birthPlace':
      return traits.birthPlace;
  }
}

/**
 * Every field on which the known sources disagree. A source that does not know a field (the
 * card has no sex or birthplace) is not a disagreement. The Vitale card carries only the usual
 * first name, so it is compared with the first of the others' lists.
 */
export function compareTraits(sources: Partial<Record<TraitSource, IdentityTraits | undefined>>): TraitDiscrepancy[] {
  const entries = Object.entries(sources).filter((e): e is [TraitSource, IdentityTraits] => e[1] !== undefined);
  const discrepancies: TraitDiscrepancy[] = [];
  for (const field of FIELDS) {
    const values: Partial<Record<TraitSource, string>> = {};
    for (const [source, traits] of entries) {
      const text = fieldText(traits, field);
      if (text !== undefined && text !== '') values[source] = text;
    }
    const disagree = field === 'firstNames' ? firstNamesDisagree(values) : new Set(Object.values(values)).size > 1;
    if (disagree) discrepancies.push({ field, values });
  }
  return discrepancies;
}

function firstNamesDisagree(values: Partial<Record<TraitSource, string>>): boolean {
  const { vitale, ...lists } = values;
  const full = Object.values(lists);
  if (new Set(full).size > 1) return true;
  if (vitale === undefined) return false;
  return full.some((list) => list !== vitale && !list.startsWith(`${vitale} `));
}
