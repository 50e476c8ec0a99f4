/**
 * A day as French users type it: JJ/MM/AAAA (also with dots, dashes or spaces, or as eight
 * digits JJMMAAAA), or AAAA-MM-JJ. Day first in every language: this is a French product and the
 * English screens say DD/MM/YYYY. The result is the ISO `AAAA-MM-JJ` that main and the DMP take.
 *
 * The one parser of the renderer: the birth date (identity) and the day fields (filters, periods)
 * add their own rules on top of it.
 */
export type DayProblem = 'format' | 'day' | 'month' | 'past';

export type TypedDay =
  { readonly ok: true; readonly iso: string } | { readonly ok: false; readonly problem: DayProblem };

const FRENCH = /^(\d{1,2})[/. -](\d{1,2})[/. -](\d{4})$/;
const EIGHT_DIGITS = /^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Before that year it is a typo (0209 for 2009), not a day anyone at a desk means. */
const OLDEST_YEAR = 1850;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `unknownParts`: day or month 00 is kept, as identity documents print it when the date is not
 * fully known (the INS rules call these "dates lunaires"); a calendar day never has it.
 */
export function parseTypedDay(text: string, options: { readonly unknownParts?: boolean } = {}): TypedDay {
  const value = text.trim();
  const parts = FRENCH.exec(value) ?? EIGHT_DIGITS.exec(value);
  const iso = ISO.exec(value);
  let day: number, month: number, year: number;
  if (parts !== null) [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  else if (iso !== null) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, problem: 'format' };

  const unknown = options.unknownParts === true;
  if (month > 12 || (month === 0 && !unknown)) return { ok: false, problem: 'month' };
  if (day > 31 || (day === 0 && !unknown) || (month !== 0 && day !== 0 && day > daysIn(year, month))) {
    return { ok: false, problem: 'day' };
  }
  if (year < OLDEST_YEAR) return { ok: false, problem: 'past' };
  return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}

/** `AAAA-MM-JJ` (or a card's `AAAAMMJJ`) as a field shows it: `JJ/MM/AAAA`. */
export function dayForField(iso: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(iso);
  return match === null ? iso : `${match[3]}/${match[2]}/${match[1]}`;
}

/** `AAAA-MM-JJ` of a local day (the clinic's calendar, not UTC). */
export function isoDayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
