/**
 * `npm run diagnostics [-- --user-data-dir DIR] [--log-dir DIR] [--config FILE] [--out DIR]`:
 * the same diagnostics bundle as Settings' "Export diagnostics" button, for IT at a command line
 * (the desk need not run). Version, configuration report without secrets, recent log lines,
 * card readers seen; nothing about patients. Defaults: this user's DMP Desk folders
 * (main/diagnostics/locations.ts); the bundle is written to the current folder.
 *
 * The configuration is loaded as the browser harness loads it: PKCS#12 passwords from
 * `DMP_DESK_SECRET_<NAME>` variables, so without them the report lists those secrets as missing.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfiguration } from '../main/config/load';
import { createEnvSecretSource } from '../main/config/secrets';
import {
  buildDiagnosticsBundle,
  READERS_SEEN_FILE,
  runtimeVersions,
  writeDiagnosticsBundle,
} from '../main/diagnostics/bundle';
import { defaultLogDir, defaultUserDataDir } from '../main/diagnostics/locations';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'user-data-dir': { type: 'string' },
    'log-dir': { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
  },
});
// `npm run` starts us in the project root; relative paths are IT's, from where they typed them.
const cwd = process.env['INIT_CWD'] ?? process.cwd();
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  productName: string;
  version: string;
};
const userDataDir = resolve(
  cwd,
  values['user-data-dir'] ?? defaultUserDataDir(process.platform, process.env, homedir()),
);
const logDir = resolve(cwd, values['log-dir'] ?? defaultLogDir(process.platform, userDataDir, homedir()));
const configuration = await loadConfiguration({
  argv: values.config === undefined ? [] : ['--config', values.config],
  env: process.env,
  platform: process.platform,
  cwd,
  secrets: createEnvSecretSource(process.env),
  appVersion: pkg.version,
});
const bundle = buildDiagnosticsBundle({
  app: {
    name: pkg.productName,
    version: pkg.version,
    mode: 'production',
    platform: process.platform,
    arch: process.arch,
    runtime: runtimeVersions(),
  },
  configuration: configuration.report,
  logDir,
  readersFile: join(userDataDir, READERS_SEEN_FILE),
});
const file = writeDiagnosticsBundle(bundle, resolve(cwd, values.out ?? '.'));
process.stdout.write(`${file}\n`);
