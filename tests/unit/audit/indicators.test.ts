import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_OF_TRANSACTION,
  countActivity,
  localDateIn,
  periodKey,
  type CountedLine,
  type CountQuery,
} from '../../../main/audit/indicators';

const KID = 'a'.repeat(16);
const OTHER_KID = 'b'.repeat(16);
const DMP_A = '1'.repeat(64);
const DMP_B = '2'.repeat(64);
const DMP_C = '3'.repeat(64);
const DR_ONE = '810001234567';
const DR_TWO = '810009876543';

const line = (overrides: Partial<CountedLine>): CountedLine => ({
  at: '2026-11-18T10:00:00.000Z',
  td: 'TD3.1',
  ps: DR_ONE,
  patient: DMP_A,
  kid: KID,
  outcome: 'ok',
  ...overrides,
});

const november = (period: CountQuery['period']): CountQuery => ({
  from: '2026-11-01',
  to: '2026-11-30',
  period,
  timeZone: 'Europe/Paris',
});

describe('countActivity', () => {
  it('counts distinct DMPs: the same patient seen many times in a period counts once', () => {
    const rows = countActivity(
      [
        line({ td: 'TD3.1' }),
        line({ td: 'TD3.2' }),
        line({ td: 'TD3.2', at: '2026-11-18T15:00:00.000Z' }),
        line({ td: 'TD3.1', patient: DMP_B }),
        line({ td: 'TD2.1' }),
        line({ td: 'TD2.1', at: '2026-11-18T11:00:00.000Z' }),
        line({ td: 'TD1.1', patient: DMP_C }),
      ],
      november('day'),
    );
    expect(rows).toEqual([{ period: '2026-11-18', professional: DR_ONE, consulted: 2, fed: 1, created: 1 }]);
  });

  it('keeps each professional apart and sorts by period, then professional', () => {
    const rows = countActivity(
      [
        line({ ps: DR_TWO, at: '2026-11-20T09:00:00.000Z' }),
        line({ ps: DR_ONE, at: '2026-11-20T09:00:00.000Z', td: 'TD2.1' }),
        line({ ps: DR_TWO, at: '2026-11-19T09:00:00.000Z', patient: DMP_B }),
      ],
      november('day'),
    );
    expect(rows.map((row) => [row.period, row.professional, row.consulted, row.fed])).toEqual([
      ['2026-11-19', DR_TWO, 1, 0],
      ['2026-11-20', DR_ONE, 0, 1],
      ['2026-11-20', DR_TWO, 1, 0],
    ]);
  });

  it('a DMP seen on two days counts on each day, once in their week and once in their month', () => {
    const lines = [line({ at: '2026-11-16T09:00:00.000Z' }), line({ at: '2026-11-17T09:00:00.000Z' })];
    expect(countActivity(lines, november('day')).map((row) => row.consulted)).toEqual([1, 1]);
    expect(countActivity(lines, november('week'))).toEqual([
      { period: '2026-W47', professional: DR_ONE, consulted: 1, fed: 0, created: 0 },
    ]);
    expect(countActivity(lines, november('month'))).toEqual([
      { period: '2026-11', professional: DR_ONE, consulted: 1, fed: 0, created: 0 },
    ]);
  });

  it('counts only what the DMP accepted, on a patient, in the consulted/fed/created transactions', () => {
    const rows = countActivity(
      [
        line({ outcome: 'SERVICE_TIMEOUT' }),
        line({ td: 'TD2.1', outcome: 'DMP_REJECTED' }),
        line({ td: 'TD0.2' }),
        line({ td: 'TD1.3a' }),
        line({ td: 'TD1.2' }),
        line({ td: 'TD3.3c' }),
        line({ td: 'TD0.4', patient: null }),
      ],
      november('month'),
    );
    expect(rows).toEqual([]);
  });

  it('the same pseudonym under another key is another DMP (the key was lost and recreated)', () => {
    const rows = countActivity([line({}), line({ kid: OTHER_KID })], november('month'));
    expect(rows[0]?.consulted).toBe(2);
  });

  it('cuts days in the desk time zone, both ends of the range included', () => {
    const lines = [
      // 31 Oct 23:30 UTC is 1 Nov 00:30 in Paris: in the range.
      line({ at: '2026-10-31T23:30:00.000Z', patient: DMP_A }),
      // 30 Nov 23:30 UTC is 1 Dec in Paris: out of it.
      line({ at: '2026-11-30T23:30:00.000Z', patient: DMP_B }),
      line({ at: '2026-11-30T22:30:00.000Z', patient: DMP_C }),
    ];
    const paris = countActivity(lines, november('day'));
    expect(paris.map((row) => row.period)).toEqual(['2026-11-01', '2026-11-30']);
    const utc = countActivity(lines, { ...november('day'), timeZone: 'UTC' });
    expect(utc.map((row) => [row.period, row.consulted])).toEqual([['2026-11-30', 2]]);
  });

  it('the rows hold counts and the professional, never a pseudonym', () => {
    const rows = countActivity([line({}), line({ patient: DMP_B, td: 'TD2.1' })], november('week'));
    const text = JSON.stringify(rows);
    expect(text).not.toContain(DMP_A);
    expect(text).not.toContain(DMP_B);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['consulted', 'created', 'fed', 'period', 'professional']);
  });

  it('names each counted transaction in the interface codes', () => {
    expect(ACTIVITY_OF_TRANSACTION).toEqual({
      'TD3.1': 'consulted',
      'TD3.2': 'consulted',
      'TD2.1': 'fed',
      'TD1.1': 'created',
    });
  });
});

describe('periodKey', () => {
  it('gives ISO weeks, Monday first, a week belonging to the year of its Thursday', () => {
    expect(periodKey('2026-11-16', 'week')).toBe('2026-W47');
    expect(periodKey('2026-11-22', 'week')).toBe('2026-W47');
    expect(periodKey('2026-11-23', 'week')).toBe('2026-W48');
    // 1 Jan 2027 is a Friday: its week is 2026's 53rd.
    expect(periodKey('2027-01-01', 'week')).toBe('2026-W53');
    expect(periodKey('2027-01-04', 'week')).toBe('2027-W01');
    // 29 Dec 2025 is a Monday whose Thursday is 1 Jan 2026.
    expect(periodKey('2025-12-29', 'week')).toBe('2026-W01');
  });

  it('gives the day itself and the month', () => {
    expect(periodKey('2026-02-28', 'day')).toBe('2026-02-28');
    expect(periodKey('2026-02-28', 'month')).toBe('2026-02');
  });
});

describe('localDateIn', () => {
  it('reads an instant as the local calendar day, through daylight saving', () => {
    const paris = localDateIn('Europe/Paris');
    expect(paris('2026-03-28T23:30:00.000Z')).toBe('2026-03-29');
    expect(paris('2026-07-14T21:59:59.000Z')).toBe('2026-07-14');
    expect(paris('2026-07-14T22:00:00.000Z')).toBe('2026-07-15');
    expect(paris('not a date')).toBeUndefined();
  });
});
