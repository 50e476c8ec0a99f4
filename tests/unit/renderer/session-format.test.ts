import { describe, expect, it } from 'vitest';
import { answerAge, formatMatricule, formatPatientBirthDate } from '../../../renderer/src/features/session/format';

describe('session format', () => {
  it('writes birth dates as French desks do, lunar dates as printed', () => {
    expect(formatPatientBirthDate('1997-02-26')).toBe('26/02/1997');
    expect(formatPatientBirthDate('19970226')).toBe('26/02/1997');
    expect(formatPatientBirthDate('1938-03-00')).toBe('00/03/1938');
    expect(formatPatientBirthDate('inconnue')).toBe('inconnue');
  });

  it('groups an INS matricule as on the attestation, Corsican departments included', () => {
    expect(formatMatricule('297022A02077878')).toBe('2 97 02 2A 020 778 78');
    expect(formatMatricule('12345')).toBe('12345');
  });

  it('says how old a DMP answer is in the user’s language, nothing under a minute', () => {
    const now = new Date('2026-12-06T10:00:00.000Z');
    expect(answerAge('2026-12-06T09:59:30.000Z', now, 'fr')).toBeNull();
    expect(answerAge('2026-12-06T09:55:00.000Z', now, 'fr')).toBe('il y a 5 minutes');
    expect(answerAge('2026-12-06T09:55:00.000Z', now, 'en')).toBe('5 minutes ago');
    expect(answerAge('2026-12-06T07:10:00.000Z', now, 'fr')).toBe('il y a 2 heures');
    expect(answerAge('2026-12-05T09:00:00.000Z', now, 'en')).toBe('yesterday');
    expect(answerAge('2026-12-02T09:00:00.000Z', now, 'fr')).toBe('il y a 4 jours');
    expect(answerAge('not a date', now, 'fr')).toBeNull();
  });
});
