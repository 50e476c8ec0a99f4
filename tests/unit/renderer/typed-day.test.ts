import { describe, expect, it } from 'vitest';
import { dayForField, isoDayOf, parseTypedDay, type DayProblem } from '../../../renderer/src/components/typed-day';

describe('a day as typed in a day field', () => {
  it('takes JJ/MM/AAAA with any usual separator, eight digits, and AAAA-MM-JJ', () => {
    for (const text of [
      '14/07/2009',
      '14.07.2009',
      '14-07-2009',
      '14 07 2009',
      '14072009',
      '2009-07-14',
      ' 14/07/2009 ',
    ]) {
      expect(parseTypedDay(text)).toEqual({ ok: true, iso: '2009-07-14' });
    }
    expect(parseTypedDay('1/2/1990')).toEqual({ ok: true, iso: '1990-02-01' });
  });

  it('reads the day first, never the month first', () => {
    expect(parseTypedDay('03/04/2026')).toEqual({ ok: true, iso: '2026-04-03' });
    expect(parseTypedDay('07/14/2009')).toEqual({ ok: false, problem: 'month' });
  });

  it('says what is wrong: format, day, month, year', () => {
    const wrong: readonly (readonly [string, DayProblem])[] = [
      ['', 'format'],
      ['2009/07/14', 'format'],
      ['14/07/09', 'format'],
      ['14 juillet 2009', 'format'],
      ['31/04/2026', 'day'],
      ['29/02/2025', 'day'],
      ['14/13/2009', 'month'],
      ['14/07/0209', 'past'],
    ];
    for (const [text, problem] of wrong) expect(parseTypedDay(text), text).toEqual({ ok: false, problem });
    expect(parseTypedDay('29/02/2024')).toEqual({ ok: true, iso: '2024-02-29' });
  });

  it('refuses day or month 00 unless the caller keeps unknown parts (a birth date)', () => {
    expect(parseTypedDay('00/03/2026')).toEqual({ ok: false, problem: 'day' });
    expect(parseTypedDay('14/00/2026')).toEqual({ ok: false, problem: 'month' });
    expect(parseTypedDay('00/03/1938', { unknownParts: true })).toEqual({ ok: true, iso: '1938-03-00' });
    expect(parseTypedDay('00/00/1950', { unknownParts: true })).toEqual({ ok: true, iso: '1950-00-00' });
  });

  it('shows an ISO day as typed, and names a local day in ISO', () => {
    expect(dayForField('2009-07-14')).toBe('14/07/2009');
    expect(dayForField('20090714')).toBe('14/07/2009');
    expect(dayForField('not a day')).toBe('not a day');
    expect(isoDayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
