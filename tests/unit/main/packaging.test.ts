import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// electron-builder's own schema check, the one `electron-builder` runs before packaging.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require('js-yaml') as { load: (text: string) => unknown };

/**
 * electron-builder cannot produce a runnable app here (no Electron binary), so the packaging
 * configuration's security-relevant choices are checked as data.
 */
const root = resolve(import.meta.dirname, '../../..');
const config = await readFile(resolve(root, 'electron-builder.yml'), 'utf8');
const pkg = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as {
  main: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const value = (key: string): string | undefined => new RegExp(`^\\s*${key}:\\s*(\\S+)`, 'm').exec(config)?.[1];

describe('packaging configuration', () => {
  it("matches electron-builder's configuration schema", async () => {
    await expect(validateConfiguration(yaml.load(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
    ['enableCookieEncryption', 'true'],
  ])('flips the %s fuse to %s', (fuse, expected) => {
    expect(value(fuse)).toBe(expected);
  });

  it('packs into an asar, verifies update signatures and never rebuilds against Electron headers', () => {
    expect(value('asar')).toBe('true');
    expect(value('verifyUpdateCodeSignature')).toBe('true');
    expect(value('npmRebuild')).toBe('false');
  });

  it('starts the built CommonJS main', () => {
    expect(pkg.main).toBe('out/main/index.cjs');
  });

  it('runs on Node 24 LTS, with the Electron major every native addon supports (all N-API) and types for that Node', () => {
    expect(pkg.engines['node']).toBe('>=24.11.0');
    expect(pkg.devDependencies['electron']).toMatch(/^\^45\./);
    expect(pkg.devDependencies['@types/node']).toMatch(/^\^24\./);
    // 13 is the first major whose SQLite addon is N-API (prebuilt), so it loads in Electron as shipped.
    expect(pkg.dependencies['better-sqlite3-multiple-ciphers']).toMatch(/^\^13\./);
  });
});
