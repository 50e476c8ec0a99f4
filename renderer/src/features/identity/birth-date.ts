import { dayForField, isoDayOf, parseTypedDay, type DayProblem } from '../../components/typed-day';

/**
 * Birth dates as admission staff type them (see `parseTypedDay`): day or month 00 is kept, as
 * identity documents print it when the date is not fully known (the INS rules call these "dates
 * lunaires"), and a birth date cannot be in the future.
 */
export type TypedBirthDate =
  { readonly ok: true; readonly iso: string } | { readonly ok: false; readonly problem: DayProblem | 'future' };

export function parseTypedBirthDate(text: string, today: Date = new Date()): TypedBirthDate {
  const parsed = parseTypedDay(text, { unknownParts: true });
  // Compared as strings: a lunar date sorts at the start of its month or year, which is what "not in the future" needs.
  if (parsed.ok && parsed.iso > isoDayOf(today)) return { ok: false, problem: 'future' };
  return parsed;
}

/** `AAAA-MM-JJ` (or a card's `AAAAMMJJ`) as the field shows it: `JJ/MM/AAAA`. */
export const birthDateForField = dayForField;
