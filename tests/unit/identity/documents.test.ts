import { describe, expect, it } from 'vitest';
import { assertDocumentAllowed, isMinorOn } from '../../../main/identity/documents';
import { AppError } from '../../../shared/errors';

const refusal = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.details } : error;
  }
  return undefined;
};

describe('isMinorOn', () => {
  it('computes the age on the check date, day included', () => {
    expect(isMinorOn('2008-05-10', '2026-05-09')).toBe(true);
    expect(isMinorOn('2008-05-10', '2026-05-10')).toBe(false);
    expect(isMinorOn('20080510', '2026-04-30')).toBe(true);
    expect(isMinorOn('1990-01-01', '2026-01-01')).toBe(false);
  });

  it('answers with a lunar date only when the unknown part cannot matter', () => {
    expect(isMinorOn('2015-00-00', '2026-06-01')).toBe(true);
    expect(isMinorOn('1950-00-00', '2026-06-01')).toBe(false);
    expect(isMinorOn('2008-00-00', '2026-06-01')).toBeUndefined();
    expect(isMinorOn('2008-06-00', '2026-06-01')).toBeUndefined();
    expect(isMinorOn('2008-02-30', '2026-03-01')).toBe(false);
  });
});

describe('assertDocumentAllowed', () => {
  it('accepts CNI, passport and residence permit for anyone', () => {
    for (const type of ['CNI', 'PASSPORT', 'RESIDENCE_PERMIT']) {
      expect(assertDocumentAllowed(type, '1960-01-01', '2026-11-22')).toBe(type);
      expect(assertDocumentAllowed(type, '2015-04-10', '2026-11-22')).toBe(type);
    }
  });

  it('accepts a birth certificate or livret de famille for a minor only', () => {
    expect(assertDocumentAllowed('BIRTH_CERTIFICATE', '2015-04-10', '2026-11-22')).toBe('BIRTH_CERTIFICATE');
    expect(assertDocumentAllowed('FAMILY_BOOKLET', '2015-04-10', '2026-11-22')).toBe('FAMILY_BOOKLET');
    expect(refusal(() => assertDocumentAllowed('FAMILY_BOOKLET', '1960-01-01', '2026-11-22'))).toEqual({
      code: 'IDENTITY_DOCUMENT_NOT_ALLOWED',
      reason: 'not_minor',
    });
    expect(refusal(() => assertDocumentAllowed('BIRTH_CERTIFICATE', '2008-00-00', '2026-06-01'))).toEqual({
      code: 'IDENTITY_DOCUMENT_NOT_ALLOWED',
      reason: 'not_minor',
    });
  });

  it('refuses a driving licence or any other document', () => {
    for (const type of ['DRIVING_LICENCE', 'VITALE', '', 'cni']) {
      expect(refusal(() => assertDocumentAllowed(type, '1960-01-01', '2026-11-22'))).toEqual({
        code: 'IDENTITY_DOCUMENT_NOT_ALLOWED',
        reason: 'type',
      });
    }
  });
});
