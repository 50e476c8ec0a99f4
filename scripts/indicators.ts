/**
 * `npm run indicators -- --user-data-dir DIR --from 2026-11-01 --to 2026-11-30 [--period day|week|month]
 * [--time-zone Europe/Paris] [--out FILE]`: a desk's activity indicators (per professional and
 * period, DMPs consulted, fed and created) as CSV, on stdout or into FILE. No patient identifier
 * reaches the output: the journal names patients by keyed pseudonym and only their count leaves.
 * Exit code: 0 written, 2 bad arguments or unreadable journal.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IndicatorsQuerySchema } from '../shared/api/history';
import { deskTimeZone } from '../main/audit/handlers';
import { exportDeskIndicators } from '../main/audit/indicators-command';

const USAGE =
  'usage: npm run indicators -- --user-data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD [--period day|week|month] [--time-zone ZONE] [--out FILE]\n';

const { values } = parseArgs({
  options: {
    'user-data-dir': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    period: { type: 'string', default: 'month' },
    'time-zone': { type: 'string' },
    out: { type: 'string' },
  },
});
const query = IndicatorsQuerySchema.safeParse({ from: values.from, to: values.to, period: values.period });
const userDataDir = values['user-data-dir'];
if (userDataDir === undefined || !query.success) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const here = (path: string): string => resolve(process.env['INIT_CWD'] ?? process.cwd(), path);
try {
  const { csv, unreadable } = await exportDeskIndicators({
    userDataDir: here(userDataDir),
    query: query.data,
    timeZone: values['time-zone'] ?? deskTimeZone(),
  });
  if (unreadable > 0)
    process.stderr.write(`${unreadable} unreadable journal line(s) left out; run npm run audit:verify\n`);
  if (values.out === undefined) process.stdout.write(csv);
  else await writeFile(here(values.out), csv, { mode: 0o600 });
} catch (error) {
  process.stderr.write(
    `indicators: ${error instanceof RangeError ? 'unknown time zone' : 'the journal cannot be read'}\n`,
  );
  process.exitCode = 2;
}
