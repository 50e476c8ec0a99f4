/**
 * Electron entry. Deliberately thin: every rule it applies is a tested function of
 * main/security/policy.ts, and every service comes from createServices().
 */
import { app, BrowserWindow, net, protocol, session } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerElectronTransport } from './ipc/electron-transport';
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

void app.whenReady().then(async () => {
  const logDir = app.getPath('logs');
  mkdirSync(logDir, { recursive: true });
  const logger = createLogger({ sink: (line) => appendFileSync(join(logDir, 'dmp-desk.log'), `${line}\n`) });

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

  const mode = process.argv.includes('--training') ? 'training' : 'production';
  // Trainers run the real app against in-process simulators and virtual cards; production never loads them.
  const training =
    mode === 'training'
      ? await (
          await import('./training/training-environment')
        ).startTrainingEnvironment({ dataDir: join(app.getPath('userData'), 'training'), logger })
      : undefined;
  const services = createServices({
    userDataDir: app.getPath('userData'),
    mode,
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform: process.platform,
    logger,
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
