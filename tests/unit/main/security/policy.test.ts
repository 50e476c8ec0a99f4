import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  assetHeaders,
  buildContentSecurityPolicy,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedIpcSender,
  resolveAppUrl,
  resolveAssetPath,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../../main/security/policy';

const root = resolve('/opt/dmp-desk/renderer');

describe('web preferences', () => {
  it('isolate, sandbox and strip Node from every renderer', () => {
    const prefs = secureWebPreferences('/opt/dmp-desk/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/opt/dmp-desk/preload/index.cjs');
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and styles, and no connection at all by default', () => {
    const csp = buildContentSecurityPolicy({ connectSrc: [] });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('lets frames show only blob: documents (the PDF viewer), never a remote page', () => {
    const csp = buildContentSecurityPolicy({ connectSrc: [] });
    const frameSrc = csp.split('; ').find((directive) => directive.startsWith('frame-src'));
    expect(frameSrc).toBe('frame-src blob:');
  });

  it('opens exactly the listed connection sources', () => {
    expect(buildContentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4000'] })).toContain(
      'connect-src ws://127.0.0.1:4000;',
    );
  });

  it('is sent with every asset, with nosniff', () => {
    const headers = assetHeaders('/x/index.html', 'csp-value');
    expect(headers['Content-Security-Policy']).toBe('csp-value');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('navigation and windows', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://desk/index.html#settings', true],
    ['app://desk.evil.example/index.html', false],
    ['app://evil/index.html', false],
    ['app://user@desk/index.html', false],
    ['https://desk/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isNavigationAllowed(url)).toBe(allowed);
  });

  it('denies every new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'openExternal'])(
    'denies the %s permission',
    (permission) => {
      expect(isPermissionGranted(permission)).toBe(false);
    },
  );
});

describe('IPC sender validation', () => {
  it('trusts only our top-level app:// frame', () => {
    expect(isTrustedIpcSender({ frameUrl: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedIpcSender({ frameUrl: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedIpcSender({ frameUrl: 'https://example.org/', isMainFrame: true })).toBe(false);
    expect(isTrustedIpcSender({ frameUrl: 'app://desk.attacker/', isMainFrame: true })).toBe(false);
    expect(isTrustedIpcSender({ frameUrl: undefined, isMainFrame: true })).toBe(false);
  });
});

describe('app:// asset resolution', () => {
  it('maps the origin root and files inside the renderer folder', () => {
    expect(resolveAppUrl(root, 'app://desk/')).toBe(join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://desk/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'));
  });

  it.each(['app://desk/../../etc/passwd.html', 'app://desk/%2e%2e/%2e%2e/etc/passwd.js'])(
    'keeps %s inside the renderer folder (the URL parser clamps dot segments)',
    (url) => {
      expect(resolveAppUrl(root, url)?.startsWith(`${root}/`)).toBe(true);
    },
  );

  it.each(['/../../etc/passwd.html', '/assets/..%2f..%2f..%2fetc/passwd.js', '..\\..\\x.js'])(
    'refuses the raw traversal path %s',
    (pathname) => {
      expect(resolveAssetPath(root, pathname)).toBeUndefined();
    },
  );

  it.each([
    'app://desk/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.js',
    'app://desk/index.html%00.js',
    'app://desk/notes.txt',
    'app://desk/db.sqlite',
    'app://other/index.html',
    'file:///opt/dmp-desk/renderer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(root, url)).toBeUndefined();
  });

  it('refuses malformed percent-encoding instead of throwing', () => {
    expect(resolveAssetPath(root, '/%E0%A4%A')).toBeUndefined();
  });
});
