import { describe, expect, it } from 'vitest';
import { computeNirKey, isNirKeyValid, parseNir } from '../../../main/identity/nir';
import { AppError } from '../../../shared/errors';
import { loadInscVectors } from './insc-vectors';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-an-AppError';
  }
  return undefined;
};

describe('NIR key', () => {
  it('matches the key column of all 14,369 sample rows (Corsica included)', () => {
    const rows = loadInscVectors();
    expect(rows.filter((r) => /2[AB]/.test(r.nir13.slice(5, 7))).length).toBeGreaterThan(0);
    const wrong = rows.filter((r) => computeNirKey(r.nir13) !== r.nirKey).map((r) => r.line);
    expect(wrong).toEqual([]);
  });

  it('applies 2A -> 19 and 2B -> 18', () => {
    expect(computeNirKey('297022A020778')).toBe('78');
    expect(computeNirKey('180032B020401')).toBe('23');
    expect(computeNirKey('160012B020777')).toBe('13');
    // Reading the letter as 0 would give another key: the substitution is what makes it pass.
    expect(computeNirKey('297022A020778')).not.toBe(computeNirKey('2970220020778'));
  });

  it('validates a NIA the same way (test NIA 1090763220888 key 35)', () => {
    expect(isNirKeyValid('1090763220888', '35')).toBe(true);
    expect(isNirKeyValid('1090763220888', '36')).toBe(false);
  });

  it('flags the national test base oddity (HERMANN keys 60/10 do not pass)', () => {
    expect(isNirKeyValid('1810363220456', '60')).toBe(false);
    expect(computeNirKey('1810363220456')).toBe('76');
  });
});

describe('parseNir', () => {
  it('accepts spaces and lower-case Corsican letters, and checks the key', () => {
    expect(parseNir('2 97 02 2a 020 778 78')).toEqual({ nir13: '297022A020778', key: '78', category: 'nir', sex: 'F' });
    expect(parseNir('1500815051040').key).toBeUndefined();
  });

  it('recognises temporary (NNP) numbers', () => {
    const temp = parseNir('7010175123456');
    expect(temp.category).toBe('temporary');
    expect(temp.sex).toBe('M');
    expect(parseNir('8020175123456').sex).toBe('F');
  });

  it('refuses malformed numbers and wrong keys with stable codes', () => {
    expect(codeOf(() => parseNir('123'))).toBe('NIR_MALFORMED');
    expect(codeOf(() => parseNir('5500815051040'))).toBe('NIR_MALFORMED');
    expect(codeOf(() => parseNir('15008150510AB'))).toBe('NIR_MALFORMED');
    expect(codeOf(() => parseNir('1500827A51040'))).toBe('NIR_MALFORMED');
    expect(codeOf(() => parseNir('150081505104019'))).toBe('NIR_INVALID_KEY');
    expect(codeOf(() => computeNirKey('nope'))).toBe('NIR_MALFORMED');
  });

  it('never puts the number in the error', () => {
    try {
      parseNir('150081505104019');
    } catch (error) {
      expect(JSON.stringify((error as AppError).toShape())).not.toContain('1500815051040');
    }
    expect.assertions(1);
  });
});
