/**
 * The Electron security baseline as plain functions, so each rule is unit-tested without
 * launching Electron. `main/index.ts` only wires these into Electron's hooks.
 */
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface CspOptions {
  /** Sources the renderer may open connections to. Electron: none (all I/O goes through main). */
  readonly connectSrc: readonly string[];
}

export function buildContentSecurityPolicy(options: CspOptions): string {
  const connect = options.connectSrc.length === 0 ? "'none'" : options.connectSrc.join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    // The Documents viewer shows a retrieved PDF from a blob: URL the renderer made; nothing remote.
    'frame-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Parse without throwing; `startsWith` checks are how `app://desk.evil` slips through. */
function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return url !== undefined && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '';
}

/** In-app navigation only; everything else (http, file, other hosts) is denied. */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** New windows are never opened by the renderer. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, notifications, geolocation, HID, serial…: the renderer needs none of them. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

export interface IpcSenderFacts {
  /** URL of the frame that sent the message, or undefined when the frame is gone. */
  readonly frameUrl: string | undefined;
  /** Whether the sending frame is the top-level frame of its page. */
  readonly isMainFrame: boolean;
}

/** An IPC message is served only from our own top-level page (VS Code's ValidatedIpcMain rule). */
export function isTrustedIpcSender(sender: IpcSenderFacts): boolean {
  return sender.isMainFrame && sender.frameUrl !== undefined && isAppUrl(sender.frameUrl);
}

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly spellcheck: false;
  readonly navigateOnDragDrop: false;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Spell-check dictionaries are downloaded from Google: no remote content.
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function mimeTypeFor(filePath: string): string | undefined {
  return MIME_TYPES[extname(filePath).toLowerCase()];
}

/**
 * Map a request path (already stripped of origin) to a file inside `rootDir`, or undefined.
 * Refuses traversal (`..`, encoded or not), NUL bytes, and file types we never serve.
 */
export function resolveAssetPath(rootDir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // Backslashes are separators on Windows: refuse them everywhere rather than per platform.
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const candidate = resolve(root, relative);
  if (!candidate.startsWith(root + sep)) return undefined;
  if (mimeTypeFor(candidate) === undefined) return undefined;
  return candidate;
}

/** Resolve an `app://desk/...` URL to a file of the packaged renderer. */
export function resolveAppUrl(rootDir: string, rawUrl: string): string | undefined {
  const url = parseUrl(rawUrl);
  if (url === undefined || !isAppUrl(rawUrl)) return undefined;
  return resolveAssetPath(rootDir, url.pathname);
}

/** Response headers for every renderer asset, whichever transport serves it. */
export function assetHeaders(filePath: string, csp: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(filePath) ?? 'application/octet-stream',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
