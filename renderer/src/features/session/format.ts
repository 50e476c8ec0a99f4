import type { PatientSummary } from '../../../../shared/api';

/**
 * A birth date as French desks write it (JJ/MM/AAAA), from the identity's `AAAA-MM-JJ` or a card's
 * `AAAAMMJJ`. Lunar dates (day or month 00) stay as they are printed: never "corrected".
 */
export function formatPatientBirthDate(raw: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
  return match === null ? raw : `${match[3]}/${match[2]}/${match[1]}`;
}

/** "ADRTROIS Dominique" is how French identity rules want it shown: birth name first, in capitals. */
export function bannerName(patient: Pick<PatientSummary, 'family' | 'given'>): { family: string; given: string } {
  return { family: patient.family.toUpperCase(), given: patient.given };
}

/** The INS matricule grouped as on the attestation: `2 97 02 2A 020 778 78`. */
export function formatMatricule(matricule: string): string {
  if (!/^[0-9A-Z]{15}$/.test(matricule)) return matricule;
  const cuts = [1, 3, 5, 7, 10, 13, 15];
  return cuts.map((end, i) => matricule.slice(i === 0 ? 0 : cuts[i - 1], end)).join(' ');
}

const MINUTE_MS = 60_000;

/**
 * How long ago an answer was fetched, in the user's words ("il y a 5 minutes", "5 minutes ago"),
 * or null under a minute (the screen then says "just now"). Days beyond a day: the retention
 * keeps a cached answer a week by default.
 */
export function answerAge(fetchedAt: string, now: Date, locale: string): string | null {
  const elapsed = now.getTime() - Date.parse(fetchedAt);
  if (!Number.isFinite(elapsed) || elapsed < MINUTE_MS) return null;
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.floor(elapsed / MINUTE_MS);
  if (minutes < 60) return words.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return words.format(-hours, 'hour');
  return words.format(-Math.floor(hours / 24), 'day');
}
