/**
 * Electron entry. Deliberately thin: every rule it applies is a tested function of
 * main/security/policy.ts, and every service comes from createServices().
 */
import { app, BrowserWindow, net, protocol, safeStorage, session } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfiguration } from './config/load';
import { createSecretStore, setSecretFlag, setSecretFromStream } from './config/secrets';
import { registerElectronTransport } from './ipc/electron-transport';
import type { OsKeystore } from './keystore/os-keystore';
import { createLogger } from './log/logger';
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

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');
const csp = buildContentSecurityPolicy({ connectSrc: [] });

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

/**
 * Electron's safeStorage as the OS keystore. Stand-in until the keystore adapter of
 * main/keystore lands: replace with it (same interface), nothing else changes.
 */
const electronKeystore: OsKeystore = {
  availability: () => {
    if (!safeStorage.isEncryptionAvailable()) return { available: false, backend: 'none', reason: 'no_keystore' };
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform;
    return backend === 'basic_text'
      ? { available: false, backend, reason: 'basic_text' }
      : { available: true, backend };
  },
  wrap: async (secret) => safeStorage.encryptString(Buffer.from(secret).toString('base64')),
  unwrap: async (wrapped) => Buffer.from(safeStorage.decryptString(Buffer.from(wrapped)), 'base64'),
};

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
  mkdirSync(logDir, { recursive: true });
  const logger = createLogger({
    sink: (line) => appendFileSync(join(logDir, 'dmp-desk.log'), `${line}\n`),
    ...(production === undefined ? {} : { minLevel: production.logLevel }),
  });

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
  const services = createServices({
    userDataDir: training?.deskDataDir ?? app.getPath('userData'),
    mode,
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform: process.platform,
    logger,
    ...(production?.national.insi === undefined ? {} : { insi: production.national.insi }),
    ...(production?.national.dmp === undefined ? {} : { dmp: production.national.dmp }),
    ...(production === undefined ? {} : { configuration: production.report }),
    ...training?.servicesConfig,
  });

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
  void window.loadURL(APP_ENTRY_URL);

  app.on('window-all-closed', () => {
    void services
      .dispose()
      .then(() => training?.close())
      .then(() => app.quit());
  });
});
