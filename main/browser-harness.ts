/**
 * `npm run start:browser`: the whole app in a browser, on loopback only, for machines that
 * cannot run Electron (CI, this build farm) and for demos. Prints a URL with a one-time token.
 *   --user-data-dir DIR   where settings and (later) the cache live (default: .tmp/browser-user-data)
 *   --port N              fixed port (default: any free port)
 *   --mode training|production
 *   --json                print one JSON line {"url": …} (machine-readable, used by tests)
 *   --insi-url URL        INSi endpoint, with the credentials `npm run sim` wrote in --sim-data (default .sim-data)
 *   --dmp-url URL         DMP simulator origin, as the demo doctor whose CPS keys `npm run sim` wrote in --sim-data
 * In training mode without --insi-url / --dmp-url, the simulators and the virtual cards run in
 * this process (state under <user-data-dir>/training): one command, the whole lesson.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RunModeSchema } from '../shared/api';
import { startBrowserHarness } from './harness/browser-harness';
import { createLogger } from './log/logger';
import { loadSimDataConfig } from './training/sim-data-config';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'user-data-dir': { type: 'string', default: join(projectRoot, '.tmp', 'browser-user-data') },
    port: { type: 'string' },
    mode: { type: 'string', default: 'training' },
    json: { type: 'boolean', default: false },
    'insi-url': { type: 'string' },
    'dmp-url': { type: 'string' },
    'sim-data': { type: 'string', default: join(projectRoot, '.sim-data') },
  },
});

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  productName: string;
  version: string;
};
const logger = createLogger({ sink: (line) => process.stderr.write(`${line}\n`) });

const mode = RunModeSchema.parse(values.mode);
const userDataDir = resolve(values['user-data-dir']);
const inProcessTraining = mode === 'training' && values['insi-url'] === undefined && values['dmp-url'] === undefined;

const harness = await startBrowserHarness({
  rendererDir: join(projectRoot, 'out', 'renderer'),
  userDataDir,
  mode,
  appName: pkg.productName,
  appVersion: pkg.version,
  logger,
  ...(values.port === undefined ? {} : { port: Number(values.port) }),
  ...(inProcessTraining
    ? {}
    : await loadSimDataConfig(resolve(values['sim-data']), { insiUrl: values['insi-url'], dmpUrl: values['dmp-url'] })),
  // Loaded only when needed: a production desk never loads the simulators' code.
  ...(inProcessTraining
    ? {
        training: await (
          await import('./training/training-environment')
        ).startTrainingEnvironment({ dataDir: join(userDataDir, 'training'), logger }),
      }
    : {}),
});

const announce = (): void => {
  const url = harness.newSessionUrl();
  if (values.json) process.stdout.write(`${JSON.stringify({ url })}\n`);
  else
    process.stdout.write(
      `\nDMP Desk (browser harness) — open:\n  ${url}\nPress Enter for a new link (each link opens one session).\n`,
    );
};
announce();

if (process.stdin.isTTY && !values.json) {
  createInterface({ input: process.stdin }).on('line', announce);
}

const shutdown = (): void => {
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
