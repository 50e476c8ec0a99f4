import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createPackage, createPackageWithOptions } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';
import { electronModuleVersion, findAddons, gateReport } from '../../../scripts/addon-gate';

const root = resolve(import.meta.dirname, '../../..');
const modules = join(root, 'node_modules');
// The real addons npm built on this machine; nothing is copied into the repository.
const smartcard = join(modules, 'smartcard');
const sqliteRelease = join(modules, 'better-sqlite3-multiple-ciphers', 'build', 'Release');
// npm built the SQLite addon for the Node running these tests (ABI 115 on Node 20).
const nodeModuleVersion = Number(process.versions.modules);

describe('addon gate', () => {
  const moduleVersion = electronModuleVersion();
  const empty = mkdtempSync(join(tmpdir(), 'addon-gate-'));
  const scratch = mkdtempSync(join(tmpdir(), 'addon-gate-asar-'));
  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it("reads the pinned Electron's module version, which is not this Node's", () => {
    expect(moduleVersion).toBe(Number(readFileSync(join(modules, 'electron', 'abi_version'), 'utf8')));
    expect(moduleVersion).not.toBe(nodeModuleVersion);
  });

  it('accepts the N-API smartcard addon', () => {
    const { lines, exitCode } = gateReport([smartcard], moduleVersion, root);
    expect(exitCode).toBe(0);
    expect(lines).toContain('ok       node_modules/smartcard/build/Release/smartcard_napi.node: N-API');
  });

  it("refuses better-sqlite3-multiple-ciphers' addon as built here, one line per file", () => {
    const { lines, exitCode } = gateReport([smartcard, sqliteRelease], moduleVersion, root);
    expect(exitCode).toBe(1);
    expect(lines).toContain(
      `refused  node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node: built for NODE_MODULE_VERSION ${nodeModuleVersion}, the pinned Electron needs ${moduleVersion} (rebuild it with @electron/rebuild)`,
    );
    expect(lines.filter((line) => line.startsWith('refused')).length).toBeGreaterThanOrEqual(1);
    expect(lines.filter((line) => line.startsWith('ok')).length).toBe(findAddons(smartcard).length);
  });

  it('refuses a folder without any addon: it proved nothing', () => {
    expect(gateReport([empty], moduleVersion, root)).toEqual({
      lines: [`refused: no .node file under ${empty}`],
      exitCode: 1,
    });
  });

  it('reads addons left packed inside an asar archive, and skips those asarUnpack put beside it', async () => {
    const app = join(scratch, 'app');
    mkdirSync(join(app, 'node_modules', 'sqlite'), { recursive: true });
    copyFileSync(join(sqliteRelease, 'better_sqlite3.node'), join(app, 'node_modules', 'sqlite', 'addon.node'));
    const packed = join(scratch, 'packed');
    await createPackage(app, join(packed, 'app.asar'));
    const inside = gateReport([packed], moduleVersion, packed);
    expect(inside.exitCode).toBe(1);
    expect(inside.lines).toEqual([
      `refused  ${join('app.asar', 'node_modules', 'sqlite', 'addon.node')}: built for NODE_MODULE_VERSION ${nodeModuleVersion}, the pinned Electron needs ${moduleVersion} (rebuild it with @electron/rebuild)`,
    ]);
    const unpacked = join(scratch, 'unpacked');
    await createPackageWithOptions(app, join(unpacked, 'app.asar'), { unpack: '*.node' });
    expect(gateReport([unpacked], moduleVersion, unpacked).lines).toEqual([
      expect.stringMatching(/^refused {2}app\.asar\.unpacked\/node_modules\/sqlite\/addon\.node: built for/) as string,
    ]);
  });

  it('exits 1 from the command line when an addon does not match', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts', 'addon-gate.ts'), sqliteRelease],
      { cwd: root, env: { ...process.env, INIT_CWD: root } },
    );
    const failure = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stdout?: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain(
      'refused  node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    );
  });
});
