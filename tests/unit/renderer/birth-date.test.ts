import { describe, expect, it } from 'vitest';
import { birthDateForField, parseTypedBirthDate } from '../../../renderer/src/features/identity/birth-date';

const TODAY = new Date(2026, 11, 6);
const parse = (text: string) => parseTypedBirthDate(text, TODAY);

describe('birth date as typed at the desk', () => {
  // The forms typed (JJ/MM/AAAA, eight digits, AAAA-MM-JJ) are the day parser's: typed-day.test.ts.
  it('reads a day as typed at the desk', () => {
    expect(parse('14/07/2009')).toEqual({ ok: true, iso: '2009-07-14' });
    expect(parse('14072009')).toEqual({ ok: true, iso: '2009-07-14' });
  });

  it('keeps a lunar date (day or month unknown) as printed', () => {
    expect(parse('00/03/1938')).toEqual({ ok: true, iso: '1938-03-00' });
    expect(parse('00/00/1950')).toEqual({ ok: true, iso: '1950-00-00' });
  });

  it('says what is wrong: format, day, month, future, too old', () => {
    expect(parse('14 juillet 2009')).toEqual({ ok: false, problem: 'format' });
    expect(parse('30/02/2000')).toEqual({ ok: false, problem: 'day' });
    expect(parse('14/13/2009')).toEqual({ ok: false, problem: 'month' });
    expect(parse('07/12/2026')).toEqual({ ok: false, problem: 'future' });
    expect(parse('06/12/2026')).toEqual({ ok: true, iso: '2026-12-06' });
    expect(parse('01/01/1849')).toEqual({ ok: false, problem: 'past' });
  });

  it('shows a stored date in the field as typed', () => {
    expect(birthDateForField('2009-07-14')).toBe('14/07/2009');
    expect(birthDateForField('19380300')).toBe('00/03/1938');
  });
});
