import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndicatorsQuery } from '../../shared/api/history';
import { indicatorsCsv } from '../../shared/domain/indicators';
import { errnoOf } from './errno';
import { countActivity, type CountedLine } from './indicators';
import { parseRecord } from './record';
import { AUDIT_JOURNAL_FILE } from './trail';

export interface IndicatorsExport {
  readonly csv: string;
  /** Lines that did not parse (torn by a crash, edited): left out of the counts, reported on stderr. */
  readonly unreadable: number;
}

/**
 * The activity indicators of a desk (`<userDataDir>/audit`) as CSV, for `npm run indicators`.
 * It reads the journal's lines without any key: counting needs only the professional, the
 * transaction, its outcome and the pseudonym, which stays inside the count. Whether the journal
 * is this desk's own, untouched, is `npm run audit:verify`'s question (it needs the store's keys).
 */
export async function exportDeskIndicators(options: {
  readonly userDataDir: string;
  readonly query: IndicatorsQuery;
  readonly timeZone: string;
}): Promise<IndicatorsExport> {
  let text: string;
  try {
    text = await readFile(join(options.userDataDir, 'audit', AUDIT_JOURNAL_FILE), 'utf8');
  } catch (error) {
    // A desk that never reached the DMP has no journal yet: nothing to count.
    if (errnoOf(error) !== 'ENOENT') throw error;
    text = '';
  }
  const lines: CountedLine[] = [];
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const record = parseRecord(raw);
    if (record === undefined) unreadable++;
    else lines.push(record);
  }
  return { csv: indicatorsCsv(countActivity(lines, { ...options.query, timeZone: options.timeZone })), unreadable };
}
