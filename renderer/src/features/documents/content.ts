import { dateLocale } from '../../i18n';

/** Base64 from main -> bytes (atob yields one Latin-1 code unit per byte). */
export function bytesOf(contentBase64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
}

/** A Blob the viewer can point a frame at. */
export function blobOf(contentBase64: string, mediaType: string): Blob {
  return new Blob([bytesOf(contentBase64)], { type: mediaType });
}

/** File bytes -> base64 for the contract, in chunks so a few MB never hit the argument-count limit. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

const HL7_TS = /^([0-9]{4})([0-9]{2})?([0-9]{2})?([0-9]{2})?([0-9]{2})?([0-9]{2})?/;

/**
 * An HL7 TS (YYYYMMDD[hhmm[ss]][±ZZzz]) as the author wrote it: the wall-clock time of the
 * document, not converted to the reader's zone, with only the precision the document gives.
 */
export function hl7Time(value: string, language: string): string {
  const match = HL7_TS.exec(value);
  if (match === null) return value;
  const [, year, month, day, hour, minute] = match;
  if (month === undefined) return year ?? value;
  const date = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day ?? '1'), Number(hour ?? 0), Number(minute ?? 0)),
  );
  // Date.UTC rolls impossible parts over (30 February -> 2 March) and maps years 0-99 to 19xx:
  // show what was written instead.
  const rolled =
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() + 1 !== Number(month) ||
    (day !== undefined && date.getUTCDate() !== Number(day)) ||
    (hour !== undefined && date.getUTCHours() !== Number(hour)) ||
    (minute !== undefined && date.getUTCMinutes() !== Number(minute));
  if (rolled) return value;
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(dateLocale(language), {
    timeZone: 'UTC',
    year: 'numeric',
    month: day === undefined ? 'long' : '2-digit',
    ...(day === undefined ? {} : { day: '2-digit' }),
    ...(hour === undefined ? {} : { hour: '2-digit', minute: '2-digit' }),
  }).format(date);
}
