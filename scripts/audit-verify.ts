/**
 * `npm run audit:verify -- --user-data-dir DIR [--mode training|production]`: checks a desk's
 * local audit journal against the chain key and anchor kept in its encrypted store, and prints
 * one line per finding (edited, reordered, appended, truncated, emptied, key deleted…).
 * Exit code: 0 intact, 1 findings, 2 could not check (store closed, wrong key…).
 *
 * The store's key must be reachable from a plain Node process: a training desk (its published
 * passphrase) or a desk in passphrase mode (DMP_DESK_STORE_PASSPHRASE set). A desk whose key is
 * wrapped by Electron's safeStorage is checked from the app itself (History screen).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { RunModeSchema } from '../shared/api';
import { verifyDeskAuditTrail } from '../main/audit/verify-command';
import { STORE_PASSPHRASE_ENV, storeKeyProtectionFor } from '../main/store/keys/protection';

const { values } = parseArgs({
  options: {
    'user-data-dir': { type: 'string' },
    mode: { type: 'string', default: 'production' },
  },
});
if (values['user-data-dir'] === undefined) {
  process.stderr.write('usage: npm run audit:verify -- --user-data-dir DIR [--mode training|production]\n');
  process.exit(2);
}
const mode = RunModeSchema.parse(values.mode);
const outcome = await verifyDeskAuditTrail({
  userDataDir: resolve(process.env['INIT_CWD'] ?? process.cwd(), values['user-data-dir']),
  keys: storeKeyProtectionFor({
    mode,
    configured: process.env[STORE_PASSPHRASE_ENV] === undefined ? undefined : 'passphrase',
    env: process.env,
    keystore: undefined,
  }),
});
process.stdout.write(`${outcome.lines.join('\n')}\n`);
process.exitCode = outcome.exitCode;
