import { join } from 'node:path';

/** Electron's `app.getName()`: package.json's productName. */
export const APP_FOLDER_NAME = 'DMP Desk';

/**
 * Electron's `userData` for this app, per OS, for tools that run without Electron
 * (`npm run diagnostics`, the README's uninstall steps): what Electron's `appData` + name gives.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  const configHome = env['XDG_CONFIG_HOME'];
  return join(configHome !== undefined && configHome !== '' ? configHome : join(home, '.config'), APP_FOLDER_NAME);
}

/** Electron's `logs` path: `~/Library/Logs/<name>` on macOS, `<userData>/logs` elsewhere. */
export function defaultLogDir(platform: NodeJS.Platform, userDataDir: string, home: string): string {
  return platform === 'darwin' ? join(home, 'Library', 'Logs', APP_FOLDER_NAME) : join(userDataDir, 'logs');
}
