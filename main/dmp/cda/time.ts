/** HL7 TS with an explicit UTC offset: the CI-SIS asks for a time zone on every precise time. */
export function hl7Timestamp(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}+0000`
  );
}

/** XDS DTM (YYYYMMDDhhmmss) is always UTC, without offset (DMPi EX_3.1-1070). */
export function xdsTimestamp(date: Date): string {
  return hl7Timestamp(date).slice(0, 14);
}
