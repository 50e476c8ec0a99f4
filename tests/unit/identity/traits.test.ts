import { describe, expect, it } from 'vitest';
import {
  compareTraits,
  normalizeBirthDate,
  normalizeName,
  normalizeTraits,
  traitsFromVitale,
} from '../../../main/identity/traits';
import type { IdentityTraits } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';

const codeAndField = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? [error.code, error.details?.['field']] : error;
  }
  return undefined;
};

describe('normalizeName', () => {
  it('keeps hyphens (single and double) and apostrophes, folds accents and case', () => {
    expect(normalizeName("d'Almeida-Jumeau")).toBe("D'ALMEIDA-JUMEAU");
    expect(normalizeName('Pierre-Alain')).toBe('PIERRE-ALAIN');
    expect(normalizeName('MARTIN--DUPONT')).toBe('MARTIN--DUPONT');
    expect(normalizeName('Hélène  Éloïse')).toBe('HELENE ELOISE');
    expect(normalizeName('O’Connor')).toBe("O'CONNOR");
    expect(normalizeName(' le  Gall - Bras ')).toBe('LE GALL-BRAS');
  });
});

describe('normalizeTraits', () => {
  const typed: IdentityTraits = {
    birthName: 'Écetinsi',
    firstNames: ['Pierre-Alain Muriel', 'Floriant'],
    sex: 'M',
    birthDate: '20090714',
    birthPlace: '63220',
  };

  it('normalises every field and splits first names on spaces only', () => {
    expect(normalizeTraits(typed)).toEqual({
      birthName: 'ECETINSI',
      firstNames: ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT'],
      sex: 'M',
      birthDate: '2009-07-14',
      birthPlace: '63220',
    });
  });

  it('keeps lunar dates and Corsican birthplaces', () => {
    expect(normalizeBirthDate('1938-03-00')).toBe('1938-03-00');
    expect(normalizeBirthDate('19160230')).toBe('1916-02-30');
    expect(normalizeTraits({ ...typed, birthPlace: '2a020' }).birthPlace).toBe('2A020');
  });

  it('refuses unusable traits naming the field, never the value', () => {
    expect(codeAndField(() => normalizeTraits({ ...typed, birthName: '---' }))).toEqual([
      'INSI_INVALID_TRAITS',
      'birthName',
    ]);
    expect(codeAndField(() => normalizeTraits({ ...typed, firstNames: [] }))).toEqual([
      'INSI_INVALID_TRAITS',
      'firstNames',
    ]);
    expect(codeAndField(() => normalizeTraits({ ...typed, birthDate: '14/07/2009' }))).toEqual([
      'INSI_INVALID_TRAITS',
      'birthDate',
    ]);
    expect(codeAndField(() => normalizeTraits({ ...typed, birthPlace: 'PARIS' }))).toEqual([
      'INSI_INVALID_TRAITS',
      'birthPlace',
    ]);
  });
});

describe('traitsFromVitale', () => {
  it('prefers the birth name and keeps the card date as is', () => {
    expect(
      traitsFromVitale({
        lastName: 'MARTIN',
        birthName: 'Dupont',
        firstName: 'Jean Pierre',
        birthDate: '19380300',
        holderNir: '138039010402728',
      }),
    ).toEqual({ birthName: 'DUPONT', firstNames: ['JEAN', 'PIERRE'], birthDate: '1938-03-00' });
  });
});

describe('compareTraits', () => {
  const insi: IdentityTraits = {
    birthName: 'ECETINSI',
    firstNames: ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT'],
    sex: 'M',
    birthDate: '2009-07-14',
    birthPlace: '63220',
  };

  it('finds nothing when sources agree, and ignores fields a source does not know', () => {
    const vitale: IdentityTraits = { birthName: 'ECETINSI', firstNames: ['PIERRE-ALAIN'], birthDate: '2009-07-14' };
    expect(compareTraits({ vitale, typed: insi, insi })).toEqual([]);
  });

  it('reports each differing field with every source value', () => {
    const typed: IdentityTraits = { ...insi, birthName: 'ECETINSY', birthDate: '2009-07-15', firstNames: ['PIERRE'] };
    const vitale: IdentityTraits = { birthName: 'ECETINSI', firstNames: ['PIERRE ALAIN'], birthDate: '2009-07-14' };
    const found = compareTraits({ vitale, typed, insi });
    expect(found.map((d) => d.field)).toEqual(['birthName', 'firstNames', 'birthDate']);
    expect(found[0]?.values).toEqual({ vitale: 'ECETINSI', typed: 'ECETINSY', insi: 'ECETINSI' });
    expect(found[1]?.values).toEqual({ vitale: 'PIERRE ALAIN', typed: 'PIERRE', insi: 'PIERRE-ALAIN MURIEL FLORIANT' });
  });

  it('treats a hyphen as part of the name (PIERRE ALAIN is not PIERRE-ALAIN)', () => {
    const vitale: IdentityTraits = { birthName: 'ECETINSI', firstNames: ['PIERRE ALAIN'], birthDate: '2009-07-14' };
    expect(compareTraits({ vitale, insi }).map((d) => d.field)).toEqual(['firstNames']);
  });

  it('sees a sex or birthplace difference', () => {
    expect(compareTraits({ typed: { ...insi, sex: 'F', birthPlace: '2A020' }, insi }).map((d) => d.field)).toEqual([
      'sex',
      'birthPlace',
    ]);
  });
});
