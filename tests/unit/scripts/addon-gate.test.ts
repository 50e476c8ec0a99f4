import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createPackage, createPackageWithOptions } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';
import { electronModuleVersion, findAddons, gateReport } from '../../../scripts/addon-gate';
import { compileNodeAbiAddon } from '../../support/packaging/node-abi-addon';

const root = resolve(import.meta.dirname, '../../..');
const modules = join(root, 'node_modules');
// The real addons npm built on this machine; nothing is copied into the repository.
const smartcard = join(modules, 'smartcard');
// better-sqlite3-multiple-ciphers' prebuilt addons (every platform's, all N-API).
const sqlitePrebuilds = join(modules, 'better-sqlite3-multiple-ciphers', 'prebuilds');
// A real addon registered for the Node running these tests only, as better-sqlite3-multiple-ciphers 12's was.
const nodeModuleVersion = Number(process.versions.modules);
const nodeAbiDir = mkdtempSync(join(tmpdir(), 'addon-gate-node-abi-'));
const nodeAbiAddon = compileNodeAbiAddon(nodeAbiDir, 'better_sqlite3');

describe('addon gate', () => {
  const moduleVersion = electronModuleVersion();
  const empty = mkdtempSync(join(tmpdir(), 'addon-gate-'));
  const scratch = mkdtempSync(join(tmpdir(), 'addon-gate-asar-'));
  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    rmSync(nodeAbiDir, { recursive: true, force: true });
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

  it("accepts every platform's prebuilt SQLite addon of better-sqlite3-multiple-ciphers: all N-API", () => {
    const { lines, exitCode } = gateReport([sqlitePrebuilds], moduleVersion, root);
    expect(exitCode).toBe(0);
    expect(lines).toContain('ok       node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node: N-API');
    expect(lines).toContain('ok       node_modules/better-sqlite3-multiple-ciphers/prebuilds/win32-x64.node: N-API');
    expect(lines).toContain('ok       node_modules/better-sqlite3-multiple-ciphers/prebuilds/darwin-arm64.node: N-API');
  });

  it('refuses an addon built for this Node, one line per file', () => {
    const { lines, exitCode } = gateReport([smartcard, nodeAbiDir], moduleVersion, root);
    expect(exitCode).toBe(1);
    expect(lines).toContain(
      `refused  ${relative(root, nodeAbiAddon)}: built for NODE_MODULE_VERSION ${nodeModuleVersion}, the pinned Electron needs ${moduleVersion} (rebuild it with @electron/rebuild)`,
    );
    expect(lines.filter((line) => line.startsWith('refused')).length).toBe(1);
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
    copyFileSync(nodeAbiAddon, join(app, 'node_modules', 'sqlite', 'addon.node'));
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
      ['--import', 'tsx', join(root, 'scripts', 'addon-gate.ts'), nodeAbiDir],
      { cwd: root, env: { ...process.env, INIT_CWD: root } },
    );
    const failure = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stdout?: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain(`refused  ${relative(root, nodeAbiAddon)}`);
  });
});
