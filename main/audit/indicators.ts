import type { IndicatorPeriod, IndicatorRow, IndicatorsQuery } from '../../shared/api/history';
import type { AuditRecord } from './record';

/** The three volumes of the DMP pilot statistics: DMPs consulted, fed and created. */
export type Activity = 'consulted' | 'fed' | 'created';

/**
 * Which transactions count as which activity, when the DMP answered without error.
 * - consulted: the patient's documents listed (TD3.1) or one read (TD3.2). An access check
 *   (TD0.2) or the administrative data (TD1.3a) says whether a DMP exists, not what it holds.
 * - fed: a document deposited, a replacement included (TD2.1 carries both).
 * - created: the DMP opened (TD1.1); a reactivation (TD1.2) reopens an existing one.
 * A failed transaction consulted, fed or created nothing, so it is not counted.
 */
export const ACTIVITY_OF_TRANSACTION: Readonly<Record<string, Activity>> = {
  'TD3.1': 'consulted',
  'TD3.2': 'consulted',
  'TD2.1': 'fed',
  'TD1.1': 'created',
};

/** What the counting reads of a journal line: the patient's pseudonym only to tell DMPs apart. */
export type CountedLine = Pick<AuditRecord, 'at' | 'td' | 'ps' | 'patient' | 'kid' | 'outcome'>;

export interface CountQuery extends IndicatorsQuery {
  /** IANA zone the calendar days are cut in: the desk's, so a 23:30 consultation is that evening's. */
  readonly timeZone: string;
}

/**
 * Per professional and period, the number of distinct DMPs consulted, fed and created. A DMP
 * is a patient pseudonym under one key: the same patient seen ten times in a day counts once
 * that day, once that week, once that month. The pseudonyms stay inside this function: the rows
 * carry counts only. Lines outside [from, to] (local days, both included) are left out, so the
 * first and last week or month of a range may be partial. Rows are sorted by period, then professional.
 */
export function countActivity(lines: Iterable<CountedLine>, query: CountQuery): IndicatorRow[] {
  const localDate = localDateIn(query.timeZone);
  const groups = new Map<string, { period: string; professional: string; dmps: Record<Activity, Set<string>> }>();
  for (const line of lines) {
    const activity = ACTIVITY_OF_TRANSACTION[line.td];
    if (activity === undefined || line.outcome !== 'ok' || line.patient === null) continue;
    const date = localDate(line.at);
    if (date === undefined || date < query.from || date > query.to) continue;
    const period = periodKey(date, query.period);
    const id = `${period}\u0000${line.ps}`;
    let group = groups.get(id);
    if (group === undefined) {
      group = { period, professional: line.ps, dmps: { consulted: new Set(), fed: new Set(), created: new Set() } };
      groups.set(id, group);
    }
    // Under another key the same patient has another pseudonym: keep them apart rather than guess.
    group.dmps[activity].add(`${line.kid}:${line.patient}`);
  }
  return [...groups.values()]
    .sort((a, b) => compare(a.period, b.period) || compare(a.professional, b.professional))
    .map(({ period, professional, dmps }) => ({
      period,
      professional,
      consulted: dmps.consulted.size,
      fed: dmps.fed.size,
      created: dmps.created.size,
    }));
}

/** `YYYY-MM-DD` of an ISO instant in `timeZone`, or undefined for a date the journal should not hold. */
export function localDateIn(timeZone: string): (at: string) => string | undefined {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (at) => {
    const instant = Date.parse(at);
    if (Number.isNaN(instant)) return undefined;
    const parts = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
    return `${parts['year']}-${parts['month']}-${parts['day']}`;
  };
}

/** The period a local day falls in: the day itself, its ISO week (`2026-W49`, weeks start on Monday), or its month. */
export function periodKey(date: string, period: IndicatorPeriod): string {
  if (period === 'day') return date;
  if (period === 'month') return date.slice(0, 7);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, day);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  // ISO 8601: a week belongs to the year of its Thursday.
  const thursday = new Date(utc + (3 - weekday) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000));
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
