/**
 * Electron entry. Deliberately thin: every rule it applies is a tested function of
 * main/security/policy.ts, and every service comes from createServices().
 */
import { app, BrowserWindow, dialog, net, protocol, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCloseGuard } from './app/quit-guard';
import { loadConfiguration } from './config/load';
import { createSecretStore, setSecretFlag, setSecretFromStream } from './config/secrets';
import { registerElectronTransport } from './ipc/electron-transport';
import { createRotatingFileSink } from './log/file-sink';
import { pcscHostEntry, type HostLauncher } from './cards/pcsc-backend';
import { createLogger } from './log/logger';
import { installFatalHandlers } from './process/fatal';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  buildContentSecurityPolicy,
  isNavigationAllowed,
  isPermissionGranted,
  resolveAppUrl,
  secureWebPreferences,
  assetHeaders,
  windowOpenDecision,
} from './security/policy';
import { createServices } from './services';
import { startElectronUpdates } from './update/electron-updater';
import type { ConsultationState } from './update/install-policy';
import { electronKeystore } from './store/keys/electron-keystore';
import { storeKeyProtectionFor } from './store/keys/protection';
import { trainingUserDataDir } from './training/desk-data';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');
const csp = buildContentSecurityPolicy({ connectSrc: [] });

/**
 * The PC/SC host as an Electron utility process. The packaged app's runAsNode fuse is off, so the
 * Node way (child_process.fork of the Electron binary) cannot start it; a utility process can, and
 * it loads native addons. SIGKILL, not kill()'s SIGTERM: a host frozen in a native call must go.
 */
const utilityPcscHost: HostLauncher = () => {
  const child = utilityProcess.fork(pcscHostEntry().path, [], { serviceName: 'DMP Desk PC/SC', stdio: 'ignore' });
  return {
    get pid() {
      return child.pid;
    },
    send: (request) => child.postMessage(request),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', () => listener()),
    kill: () => {
      if (child.pid === undefined) child.kill();
      else process.kill(child.pid, 'SIGKILL');
    },
  };
};

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenDecision);
});

void app.whenReady().then(async () => {
  const secrets = createSecretStore({
    file: join(app.getPath('userData'), 'secrets.json'),
    keystore: electronKeystore,
  });
  // IT: `dmp-desk --set-secret NAME < file` (or typed, then Ctrl-D): stores one secret, then quits.
  const secretName = setSecretFlag(process.argv);
  if (secretName !== undefined) {
    const outcome = await setSecretFromStream(secrets, secretName, process.stdin).then(
      () => 'stored',
      (error: unknown) => (error instanceof Error ? error.message : 'INTERNAL_ERROR'),
    );
    process.stdout.write(`${secretName}: ${outcome}\n`);
    app.exit(outcome === 'stored' ? 0 : 1);
    return;
  }

  const mode = process.argv.includes('--training') ? 'training' : 'production';
  // Production reads the IT configuration (--config, DMP_DESK_CONFIG, or the OS location) through
  // the same loader as the browser harness; problems are shown by the renderer, never a crash.
  const production =
    mode === 'production'
      ? await loadConfiguration({
          argv: process.argv,
          env: process.env,
          platform: process.platform,
          cwd: process.cwd(),
          secrets,
          appVersion: app.getVersion(),
        })
      : undefined;
  const logDir = app.getPath('logs');
  // Rotated by size, folder 0700 and files 0600 (main/log/file-sink.ts).
  const logger = createLogger({
    sink: createRotatingFileSink({ dir: logDir }),
    ...(production === undefined ? {} : { minLevel: production.logLevel }),
  });
  // From here on a bug anywhere in main is logged (type and place, no data) and closes the stores.
  const fatal = installFatalHandlers({ logger, exit: (code) => app.exit(code) });

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppUrl(rendererDir, request.url);
    if (file === undefined) return new Response(null, { status: 404 });
    const body = await net.fetch(pathToFileURL(file).toString());
    return new Response(body.body, { status: 200, headers: assetHeaders(file, csp) });
  });

  // Trainers run the real app against in-process simulators and virtual cards; production never loads them.
  const training =
    mode === 'training'
      ? await (
          await import('./training/training-environment')
        ).startTrainingEnvironment({ dataDir: join(app.getPath('userData'), 'training'), logger })
      : undefined;
  const updateServer = production?.update;
  const services = createServices({
    // A lesson keeps its own settings, store and audit trail, apart from production's.
    userDataDir: mode === 'training' ? trainingUserDataDir(app.getPath('userData')) : app.getPath('userData'),
    mode,
    // Real readers through the PC/SC host (training replaces them with its virtual readers below).
    cards: { backend: 'pcsc', launch: utilityPcscHost },
    // IT's passphrase mode, when the configuration enables it, reads DMP_DESK_STORE_PASSPHRASE.
    storeKeys: storeKeyProtectionFor({
      mode,
      configured: production?.storeKeyProtection,
      env: process.env,
      keystore: electronKeystore,
    }),
    ...(production === undefined ? {} : { cacheRetentionDays: production.cacheRetentionDays }),
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform: process.platform,
    logger,
    logDir,
    // Only where IT set an update server; the check, the download and every refusal are logged by code.
    ...(updateServer === undefined
      ? {}
      : {
          updates: (consultation: () => ConsultationState) =>
            startElectronUpdates({ config: updateServer, consultation, logger: logger.child('update') }),
        }),
    ...(production?.national.insi === undefined ? {} : { insi: production.national.insi }),
    ...(production?.national.dmp === undefined ? {} : { dmp: production.national.dmp }),
    ...(production === undefined ? {} : { configuration: production.report }),
    ...training?.servicesConfig,
  });
  if (training !== undefined) fatal.onClose(() => training.close());
  fatal.onClose(() => services.dispose());

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  registerElectronTransport({
    router: services.router,
    logger: logger.child('ipc'),
    eventTargets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });
  window.once('ready-to-show', () => window.show());
  // Quitting with writes not yet in the DMP asks first (main/app/quit-guard.ts decides and words it).
  window.on(
    'close',
    createCloseGuard({
      unsentStates: async () => (await services.sync.snapshot()).items.map((item) => item.state),
      language: async () => (await services.settings.get()).language,
      ask: async (prompt) => {
        const { title, message, detail, defaultId, cancelId } = prompt;
        const options = { type: 'question' as const, title, message, detail, buttons: [...prompt.buttons] };
        return (await dialog.showMessageBox(window, { ...options, defaultId, cancelId, noLink: true })).response;
      },
      close: () => window.close(),
    }),
  );
  void window.loadURL(APP_ENTRY_URL);

  app.on('window-all-closed', () => {
    void services
      .dispose()
      .then(() => training?.close())
      .then(() => app.quit());
  });
});
