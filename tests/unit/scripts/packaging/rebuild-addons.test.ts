import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronModuleVersion } from '../../../../scripts/addon-gate';
import {
  installedAddons,
  packageOf,
  packagesToRebuild,
  type InstalledAddon,
} from '../../../../scripts/packaging/rebuild-addons';
import { compileNodeAbiAddon } from '../../../support/packaging/node-abi-addon';

const root = resolve(import.meta.dirname, '../../../..');
const nodeModuleVersion = Number(process.versions.modules);

describe('which addons `npm run dist` rebuilds', () => {
  it('names the package an addon file belongs to, scoped or not, innermost node_modules first', () => {
    expect(packageOf('/p/node_modules/smartcard/build/Release/smartcard_napi.node')).toBe('smartcard');
    expect(packageOf('/p/node_modules/@scope/native/build/Release/a.node')).toBe('@scope/native');
    expect(packageOf('/p/node_modules/outer/node_modules/inner/build/Release/a.node')).toBe('inner');
    expect(packageOf('/p/build/Release/a.node')).toBeUndefined();
  });

  it('rebuilds only addons registered for another module version: N-API and non-addons stay', () => {
    const addons: InstalledAddon[] = [
      { packageName: 'napi-one', file: 'a.node', abi: { kind: 'napi' } },
      { packageName: 'v8-one', file: 'b.node', abi: { kind: 'node-module-version', moduleVersion: 115 } },
      { packageName: 'v8-one', file: 'c.node', abi: { kind: 'node-module-version', moduleVersion: 115 } },
      { packageName: 'already', file: 'd.node', abi: { kind: 'node-module-version', moduleVersion: 145 } },
      { packageName: 'plain-library', file: 'e.node', abi: { kind: 'unknown', reason: 'no register symbol' } },
    ];
    expect(packagesToRebuild(addons, 145)).toEqual(['v8-one']);
    expect(packagesToRebuild(addons, 115)).toEqual(['already']);
  });

  it('on the installed tree: nothing, every addon is N-API (SQLite included since better-sqlite3-multiple-ciphers 13)', () => {
    const addons = installedAddons(join(root, 'node_modules'));
    const sqlite = addons.find(({ file }) =>
      file.endsWith(join('better-sqlite3-multiple-ciphers', 'prebuilds', 'linux-x64.node')),
    );
    expect(sqlite?.abi).toEqual({ kind: 'napi' });
    expect(addons.find(({ packageName }) => packageName === 'smartcard')?.abi).toEqual({ kind: 'napi' });
    expect(packagesToRebuild(addons, electronModuleVersion())).toEqual([]);
    expect(packagesToRebuild(addons, nodeModuleVersion)).toEqual([]);
  });

  it('finds a real addon built for this Node in a tree and names its package for Electron, not for this Node', () => {
    const tree = mkdtempSync(join(tmpdir(), 'rebuild-addons-'));
    try {
      compileNodeAbiAddon(join(tree, 'node_modules', '@legacy', 'sqlite', 'build', 'Release'), 'legacy');
      const addons = installedAddons(join(tree, 'node_modules'));
      expect(addons.map(({ packageName, abi }) => ({ packageName, abi }))).toEqual([
        { packageName: '@legacy/sqlite', abi: { kind: 'node-module-version', moduleVersion: nodeModuleVersion } },
      ]);
      expect(packagesToRebuild(addons, electronModuleVersion())).toEqual(['@legacy/sqlite']);
      expect(packagesToRebuild(addons, nodeModuleVersion)).toEqual([]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('`npm run dist` rebuilds for Electron before electron-builder and checks the package after it', () => {
    const dist = readFileSync(join(root, 'scripts/dist.sh'), 'utf8');
    const step = (text: string): number => dist.indexOf(text);
    expect(step('rebuild-addons.ts --for electron')).toBeGreaterThan(0);
    expect(step('rebuild-addons.ts --for electron')).toBeLessThan(step('npx electron-builder'));
    expect(step('npx electron-builder')).toBeLessThan(step('addon-gate -- dist'));
    expect(dist).toContain('--publish never');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['dist']).toBe('bash scripts/dist.sh');
  });
});
