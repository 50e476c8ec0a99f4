/**
 * HL7 timestamps as the DMP sends them (`YYYYMMDD[hhmm[ss]]`) to the French way of writing
 * them; anything else is shown untouched rather than guessed at.
 */
export function formatHl7Timestamp(value: string | null): string {
  if (value === null) return '—';
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:\d{2})?)?/.exec(value);
  if (match === null) return value;
  const [, year, month, day, hour, minute] = match;
  const date = `${day}/${month}/${year}`;
  return hour === undefined || minute === undefined ? date : `${date} ${hour}:${minute}`;
}
