import { describe, expect, it } from 'vitest';
import { computeInsc, inscFirstName } from '../../../main/identity/insc';
import { INS_OIDS } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { loadInscVectors } from './insc-vectors';

const vectors = loadInscVectors();

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-an-AppError';
  }
  return undefined;
};

describe('INS-C against the public sample', () => {
  it('reads all 14,369 rows of the Latin-1 file', () => {
    expect(vectors).toHaveLength(14_369);
    expect(vectors.filter((v) => v.firstName.trim() === '')).toHaveLength(5);
    expect(vectors.filter((v) => v.firstName.replace(/ /g, '').length > 10).length).toBeGreaterThan(3000);
  });

  it('computes every expected INS-C and key', () => {
    const mismatches = vectors.filter((v) => {
      const { value } = computeInsc({ firstName: v.firstName, birthDate: v.birthDate, ownNir: v.nir13 + v.nirKey });
      return value !== v.insc20 + v.inscKey;
    });
    expect(mismatches.map((v) => v.line)).toEqual([]);
  });

  it('keeps lunar dates and Corsican départements exactly as on the card', () => {
    const lunar = computeInsc({ firstName: 'FRANCK', birthDate: '380300', ownNir: '138039010402728' });
    expect(lunar.value).toBe('1215965973479473546018');
    const feb30 = computeInsc({ firstName: 'VALERIE', birthDate: '19160230', ownNir: '216029176186460' });
    expect(feb30.value).toBe('1262416990881906429531');
    const corsica = computeInsc({ firstName: 'DAVID', birthDate: '1985-07-17', ownNir: '285072B50202465' });
    expect(corsica.value).toBe('1687776243550221336383');
    expect(corsica.oid).toBe(INS_OIDS.INSC);
  });

  it('matches the independent published vector (Jean, 1 Aug 1950)', () => {
    expect(computeInsc({ firstName: 'Jean', birthDate: '500801', ownNir: '150081505104018' }).value).toBe(
      '1541187387477485562488',
    );
  });
});

describe('INS-C first name', () => {
  it('folds accents, drops every non-letter and spaces, pads or truncates to 10', () => {
    expect(inscFirstName('Jean-François')).toBe('JEANFRANCO');
    expect(inscFirstName('Zoé')).toBe('ZOE       ');
    expect(inscFirstName("D'ARTAGNAN MARIE")).toBe('DARTAGNANM');
  });
});

describe('INS-C refusals', () => {
  it('refuses without the beneficiary own NIR', () => {
    expect(codeOf(() => computeInsc({ firstName: 'ZOE', birthDate: '010101', ownNir: undefined }))).toBe(
      'INSC_NO_OWN_NIR',
    );
    expect(codeOf(() => computeInsc({ firstName: 'ZOE', birthDate: '010101', ownNir: ' ' }))).toBe('INSC_NO_OWN_NIR');
  });

  it('refuses a temporary number and a bad key', () => {
    expect(codeOf(() => computeInsc({ firstName: 'ZOE', birthDate: '010101', ownNir: '7010175123456' }))).toBe(
      'INSC_NIR_NOT_ELIGIBLE',
    );
    expect(codeOf(() => computeInsc({ firstName: 'JEAN', birthDate: '500801', ownNir: '150081505104019' }))).toBe(
      'NIR_INVALID_KEY',
    );
  });

  it('refuses an unusable date', () => {
    expect(codeOf(() => computeInsc({ firstName: 'JEAN', birthDate: '1950/08/01', ownNir: '1500815051040' }))).toBe(
      'INSC_INVALID_INPUT',
    );
    expect(codeOf(() => computeInsc({ firstName: 'JEAN', birthDate: '5008', ownNir: '1500815051040' }))).toBe(
      'INSC_INVALID_INPUT',
    );
  });
});
