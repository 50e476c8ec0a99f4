import { describe, expect, it } from 'vitest';
import { formatMatricule, formatPatientBirthDate } from '../../../renderer/src/features/session/format';

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
});
