/**
 * Birth dates as admission staff type them: JJ/MM/AAAA (also with dots, dashes or spaces, or as
 * eight digits JJMMAAAA), or AAAA-MM-JJ. Day or month 00 is kept: identity documents print it
 * when the date is not fully known (the INS rules call these "dates lunaires").
 */
export type TypedBirthDate =
  | { readonly ok: true; readonly iso: string }
  | { readonly ok: false; readonly problem: 'format' | 'day' | 'month' | 'future' | 'past' };

const FRENCH = /^(\d{1,2})[/. -](\d{1,2})[/. -](\d{4})$/;
const EIGHT_DIGITS = /^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const OLDEST_YEAR = 1850;

export function parseTypedBirthDate(text: string, today: Date = new Date()): TypedBirthDate {
  const value = text.trim();
  const parts = FRENCH.exec(value) ?? EIGHT_DIGITS.exec(value);
  const iso = ISO.exec(value);
  let day: number, month: number, year: number;
  if (parts !== null) [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  else if (iso !== null) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, problem: 'format' };

  if (month > 12) return { ok: false, problem: 'month' };
  if (day > 31 || (month !== 0 && day !== 0 && day > daysIn(year, month))) return { ok: false, problem: 'day' };
  if (year < OLDEST_YEAR) return { ok: false, problem: 'past' };
  const pad = (n: number): string => String(n).padStart(2, '0');
  const result = `${year}-${pad(month)}-${pad(day)}`;
  // Compared as strings: a lunar date sorts at the start of its month or year, which is what "not in the future" needs.
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  if (result > todayIso) return { ok: false, problem: 'future' };
  return { ok: true, iso: result };
}

/** `AAAA-MM-JJ` (or a card's `AAAAMMJJ`) as the field shows it: `JJ/MM/AAAA`. */
export function birthDateForField(iso: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(iso);
  return match === null ? iso : `${match[3]}/${match[2]}/${match[1]}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
