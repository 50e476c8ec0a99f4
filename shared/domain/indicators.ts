import type { IndicatorRow } from '../api/history';

/** Column names of the export: stable and in English, for the spreadsheets and scripts that read it. */
export const INDICATORS_CSV_HEADER = [
  'period',
  'professional_id',
  'dmps_consulted',
  'dmps_fed',
  'dmps_created',
] as const;

/**
 * The activity indicators as CSV (RFC 4180: comma, CRLF, quotes doubled), one row per
 * professional and period. Built from the counted rows only, so nothing about a patient can
 * reach the file. The same text comes out of Settings' export and `npm run indicators`.
 */
export function indicatorsCsv(rows: readonly IndicatorRow[]): string {
  const lines = [
    INDICATORS_CSV_HEADER.join(','),
    ...rows.map((row) =>
      [row.period, row.professional, row.consulted, row.fed, row.created].map((cell) => csvCell(cell)).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading
 * apostrophe: the professional id comes from a journal file anyone with disk access could edit.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}
