import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronModuleVersion } from '../../../../scripts/addon-gate';
import {
  installedAddons,
  packageOf,
  packagesToRebuild,
  type InstalledAddon,
} from '../../../../scripts/packaging/rebuild-addons';

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

  it('on the installed tree: the SQLite addon for the pinned Electron, nothing for the Node running us', () => {
    const addons = installedAddons(join(root, 'node_modules'));
    const sqlite = addons.find(({ file }) => file.endsWith('better_sqlite3.node'));
    expect(sqlite?.abi).toEqual({ kind: 'node-module-version', moduleVersion: nodeModuleVersion });
    expect(addons.find(({ packageName }) => packageName === 'smartcard')?.abi).toEqual({ kind: 'napi' });
    expect(packagesToRebuild(addons, electronModuleVersion())).toEqual(['better-sqlite3-multiple-ciphers']);
    expect(packagesToRebuild(addons, nodeModuleVersion)).toEqual([]);
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
