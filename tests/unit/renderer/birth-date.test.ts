import { describe, expect, it } from 'vitest';
import { birthDateForField, parseTypedBirthDate } from '../../../renderer/src/features/identity/birth-date';

const TODAY = new Date(2026, 11, 6);
const parse = (text: string) => parseTypedBirthDate(text, TODAY);

describe('birth date as typed at the desk', () => {
  it('takes the French forms and the ISO one', () => {
    for (const text of [
      '14/07/2009',
      '14.07.2009',
      '14-07-2009',
      '14 07 2009',
      '14072009',
      '2009-07-14',
      ' 14/07/2009 ',
    ]) {
      expect(parse(text)).toEqual({ ok: true, iso: '2009-07-14' });
    }
    expect(parse('1/2/1990')).toEqual({ ok: true, iso: '1990-02-01' });
  });

  it('keeps a lunar date (day or month unknown) as printed', () => {
    expect(parse('00/03/1938')).toEqual({ ok: true, iso: '1938-03-00' });
    expect(parse('00/00/1950')).toEqual({ ok: true, iso: '1950-00-00' });
  });

  it('says what is wrong: format, day, month, future, too old', () => {
    expect(parse('2009/07/14')).toEqual({ ok: false, problem: 'format' });
    expect(parse('14 juillet 2009')).toEqual({ ok: false, problem: 'format' });
    expect(parse('30/02/2000')).toEqual({ ok: false, problem: 'day' });
    expect(parse('29/02/2023')).toEqual({ ok: false, problem: 'day' });
    expect(parse('29/02/2024')).toEqual({ ok: true, iso: '2024-02-29' });
    expect(parse('32/01/2000')).toEqual({ ok: false, problem: 'day' });
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
