/**
 * `npm run start:browser`: the whole app in a browser, on loopback only, for machines that
 * cannot run Electron (CI, this build farm) and for demos. Prints a URL with a one-time token.
 *   --user-data-dir DIR   where settings and (later) the cache live (default: .tmp/browser-user-data)
 *   --port N              fixed port (default: any free port)
 *   --mode training|production
 *   --json                print one JSON line {"url": …} (machine-readable, used by tests)
 *   --insi-url URL        INSi endpoint, with the credentials `npm run sim` wrote in --sim-data (default .sim-data)
 *   --dmp-url URL         DMP simulator origin, as the demo doctor whose CPS keys `npm run sim` wrote in --sim-data
 *   --config FILE         production: the IT configuration file (else DMP_DESK_CONFIG, else the OS location);
 *                         its PKCS#12 passwords come from DMP_DESK_SECRET_<NAME> variables (harness only)
 *   --log-dir DIR         where the rotating log files go (default: <user-data-dir>/logs); also echoed on stderr
 * In training mode without --insi-url / --dmp-url, the simulators and the virtual cards run in
 * this process (state under <user-data-dir>/training): one command, the whole lesson.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RunModeSchema } from '../shared/api';
import { trainingConfigurationReport } from './config/handlers';
import { loadConfiguration } from './config/load';
import { createEnvSecretSource } from './config/secrets';
import { startBrowserHarness } from './harness/browser-harness';
import { createRotatingFileSink } from './log/file-sink';
import { createLogger } from './log/logger';
import { installFatalHandlers } from './process/fatal';
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
    config: { type: 'string' },
    'log-dir': { type: 'string' },
  },
});

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  productName: string;
  version: string;
};
const mode = RunModeSchema.parse(values.mode);
// Production reads the IT configuration through the same loader as the desktop app; only the
// secrets' source differs (the environment here, the OS keystore there).
const production =
  mode === 'production'
    ? await loadConfiguration({
        argv: values.config === undefined ? [] : ['--config', values.config],
        env: process.env,
        platform: process.platform,
        // `npm run` starts us in the project root; a relative --config is IT's, from where they typed it.
        cwd: process.env['INIT_CWD'] ?? process.cwd(),
        secrets: createEnvSecretSource(process.env),
        appVersion: pkg.version,
      })
    : undefined;
const userDataDir = resolve(values['user-data-dir']);
// The same files, permissions and rotation as the desktop app's, so the e2e suite's logs are what IT would read.
const fileSink = createRotatingFileSink({ dir: resolve(values['log-dir'] ?? join(userDataDir, 'logs')) });
const logger = createLogger({
  sink: (line) => {
    fileSink(line);
    process.stderr.write(`${line}\n`);
  },
  ...(production === undefined ? {} : { minLevel: production.logLevel }),
});
// A bug anywhere in the harness is logged (type and place, no data), the harness closes, status 1.
const fatal = installFatalHandlers({ logger });
if (production !== undefined) {
  logger.info('config.loaded', {
    state: production.report.state,
    source: production.report.source.kind,
    problems: production.report.problems.length,
  });
}

const inProcessTraining = mode === 'training' && values['insi-url'] === undefined && values['dmp-url'] === undefined;
// Loaded only when needed: a production desk never loads the simulators' code.
const training = inProcessTraining
  ? await (
      await import('./training/training-environment')
    ).startTrainingEnvironment({ dataDir: join(userDataDir, 'training'), logger })
  : undefined;

const harness = await startBrowserHarness({
  rendererDir: join(projectRoot, 'out', 'renderer'),
  userDataDir,
  mode,
  appName: pkg.productName,
  appVersion: pkg.version,
  logger,
  ...(values.port === undefined ? {} : { port: Number(values.port) }),
  ...(production?.national.insi === undefined ? {} : { insi: production.national.insi }),
  ...(production?.national.dmp === undefined ? {} : { dmp: production.national.dmp }),
  ...(production === undefined ? {} : { configuration: production.report }),
  ...(training === undefined
    ? {}
    : {
        training,
        configuration: trainingConfigurationReport({
          ...(training.servicesConfig.dmp === undefined ? {} : { dmp: training.servicesConfig.dmp }),
          ...(training.servicesConfig.insi === undefined ? {} : { insi: training.servicesConfig.insi }),
        }),
      }),
  ...(mode === 'training' && !inProcessTraining
    ? await loadSimDataConfig(resolve(values['sim-data']), { insiUrl: values['insi-url'], dmpUrl: values['dmp-url'] })
    : {}),
});

fatal.onClose(() => harness.close());

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
