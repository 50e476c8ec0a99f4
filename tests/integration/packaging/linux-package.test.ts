import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronModuleVersion, gateReport, runGate } from '../../../scripts/addon-gate';
import { compileNodeAbiAddon } from '../../support/packaging/node-abi-addon';
import { writeStandInElectron } from '../../support/packaging/stand-in-electron';

/**
 * The release pipeline's Linux half, run for real: electron-builder builds the `dir` and `deb`
 * targets from the project's own electron-builder.yml (fuses, asar, files, publish) and the built
 * app in out/, against a stand-in Electron folder (its binary cannot be downloaded here) and with
 * fpm replaced by a dpkg-deb stand-in (tests/support/packaging/fpm-dpkg-deb.ts). What only a
 * release workstation can prove (the @electron/rebuild step, a runnable app) is in the README.
 */
const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
};
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const debName = `${pkg.name}_${pkg.version}_amd64.deb`;
/** A fuse's byte in the wire (@electron/fuses' FuseState, which its entry point does not export). */
const FUSE_OFF = '0'.charCodeAt(0);
const FUSE_ON = '1'.charCodeAt(0);

let work: string;
let dist: string;
let unpacked: string;
let asarPath: string;

beforeAll(async () => {
  // `npm test` builds the app before vitest runs; a file run on its own builds it first.
  if (!existsSync(join(root, pkg.main))) {
    await execFileAsync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root });
  }
  work = await mkdtemp(join(tmpdir(), 'dmp-desk-package-'));
  dist = join(work, 'dist');
  unpacked = join(dist, 'linux-unpacked');
  asarPath = join(unpacked, 'resources', 'app.asar');
  writeStandInElectron(join(work, 'electron'), electronVersion);
  await execFileAsync(
    join(root, 'node_modules/.bin/electron-builder'),
    [
      '--config',
      'electron-builder.yml',
      '--linux',
      'dir',
      'deb',
      '--publish',
      'never',
      `-c.electronDist=${join(work, 'electron')}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${dist}`,
    ],
    {
      cwd: root,
      env: { ...process.env, CUSTOM_FPM_PATH: join(root, 'tests/support/packaging/fpm') },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}, 600_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const asarEntries = (): string[] => listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));

describe('the Linux package electron-builder makes from this project', () => {
  it('holds the built app in its asar: main, preload and renderer, byte for byte, and package.json naming the main entry', () => {
    const entries = asarEntries();
    expect(entries).toEqual(
      expect.arrayContaining(['/out/main/index.cjs', '/out/renderer/index.html', '/package.json']),
    );
    expect(entries.some((entry) => entry.startsWith('/out/preload/'))).toBe(true);
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as {
      main: string;
      version: string;
    };
    expect(packed.main).toBe(pkg.main);
    expect(packed.version).toBe(pkg.version);
    expect(Buffer.from(extractFile(asarPath, pkg.main)).equals(readFileSync(join(root, pkg.main)))).toBe(true);
  });

  it('ships the runtime dependencies and none of the development tools, nor the addons’ C sources', () => {
    const entries = asarEntries();
    for (const runtime of ['react', 'zod', 'ws', 'electron-updater', 'better-sqlite3-multiple-ciphers', 'smartcard']) {
      expect(entries, runtime).toContain(`/node_modules/${runtime}/package.json`);
    }
    for (const tool of ['vitest', 'electron', 'electron-builder', 'typescript', 'eslint']) {
      expect(entries, tool).not.toContain(`/node_modules/${tool}/package.json`);
    }
    expect(entries.filter((entry) => /\/(deps|src)\/.*\.(c|cc|cpp|h)$/.test(entry))).toEqual([]);
    // Of SQLite's prebuilt addons (one per OS and architecture), only this package's own.
    expect(entries.filter((entry) => entry.includes('/better-sqlite3-multiple-ciphers/prebuilds/'))).toEqual([
      '/node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node',
    ]);
  });

  it('flips the Electron fuses electron-builder.yml asks for', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, pkg.name));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FUSE_ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FUSE_ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FUSE_OFF);
  });

  it('passes the addon gate: every addon it ships is N-API, SQLite included', () => {
    const electronAbi = electronModuleVersion();
    const results = runGate([dist], electronAbi);
    const verdictOf = (name: string): (typeof results)[number]['verdict'] | undefined =>
      results.find(({ file }) => file.endsWith(name))?.verdict;
    expect(verdictOf('/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node')).toEqual({
      accepted: true,
      abi: { kind: 'napi' },
    });
    expect(verdictOf('/smartcard/build/Release/smartcard_napi.node')).toEqual({
      accepted: true,
      abi: { kind: 'napi' },
    });
    expect(gateReport([dist], electronAbi, root).exitCode).toBe(0);
  });

  it('is refused by the addon gate once it holds an addon built for Node’s ABI, as its SQLite addon shipped before', async () => {
    const electronAbi = electronModuleVersion();
    const nodeAbi = Number(process.versions.modules);
    expect(electronAbi).not.toBe(nodeAbi);
    // better-sqlite3-multiple-ciphers 12 registered with NODE_MODULE_INIT and npm built it from source for the Node at hand.
    const legacy = join(
      unpacked,
      'resources/app.asar.unpacked/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    );
    mkdirSync(dirname(legacy), { recursive: true });
    copyFileSync(compileNodeAbiAddon(join(work, 'legacy-addon'), 'better_sqlite3'), legacy);
    try {
      const { lines, exitCode } = gateReport([dist], electronAbi, dist);
      expect(exitCode).toBe(1);
      expect(lines.filter((line) => line.startsWith('refused'))).toEqual([
        `refused  ${legacy.slice(dist.length + 1)}: built for NODE_MODULE_VERSION ${nodeAbi}, the pinned Electron needs ${electronAbi} (rebuild it with @electron/rebuild)`,
      ]);
      // Judged for the runtime it was built for, the same package passes: the refusal is the ABI, nothing else.
      expect(gateReport([dist], nodeAbi, dist).exitCode).toBe(0);
      // And it is a real refusal: Node's own loader refuses that addon in any other runtime (the machine's Node here).
      const otherNode = '/usr/bin/node';
      if (
        existsSync(otherNode) &&
        (await execFileAsync(otherNode, ['-p', 'process.versions.modules'])).stdout.trim() !== String(nodeAbi)
      ) {
        await expect(execFileAsync(otherNode, ['-e', `require(${JSON.stringify(legacy)})`])).rejects.toThrow(
          /compiled against a different Node\.js version/,
        );
      }
    } finally {
      rmSync(legacy, { force: true });
    }
  });

  it('writes latest-linux.yml naming the deb with its true sha512 and size', () => {
    const latest = yaml.load(readFileSync(join(dist, 'latest-linux.yml'), 'utf8')) as {
      version: string;
      path: string;
      sha512: string;
      files: { url: string; sha512: string; size: number }[];
    };
    const deb = readFileSync(join(dist, debName));
    const sha512 = createHash('sha512').update(deb).digest('base64');
    expect(latest.version).toBe(pkg.version);
    expect(latest.path).toBe(debName);
    expect(latest.sha512).toBe(sha512);
    expect(latest.files).toEqual([{ url: debName, sha512, size: deb.byteLength }]);
    const updateConfig = yaml.load(readFileSync(join(unpacked, 'resources', 'app-update.yml'), 'utf8')) as {
      provider: string;
    };
    expect(updateConfig.provider).toBe('generic');
  });

  it('builds a deb dpkg accepts: control fields, the app under /opt, maintainer scripts, the same asar', async () => {
    const debPath = join(dist, debName);
    const field = async (name: string): Promise<string> =>
      (await execFileAsync('dpkg-deb', ['--field', debPath, name])).stdout.trim();
    expect(await field('Package')).toBe(pkg.name);
    expect(await field('Version')).toBe(pkg.version);
    expect(await field('Architecture')).toBe('amd64');
    expect((await field('Depends')).split(/,\s*/)).toContain('pcscd');
    const info = (await execFileAsync('dpkg-deb', ['--info', debPath])).stdout;
    expect(info).toMatch(/\bpostinst\b/);
    expect(info).toMatch(/\bpostrm\b/);
    const contents = (await execFileAsync('dpkg-deb', ['--contents', debPath], { maxBuffer: 16 * 1024 * 1024 })).stdout;
    for (const path of [
      `./opt/DMP Desk/${pkg.name}`,
      './opt/DMP Desk/resources/app.asar',
      './opt/DMP Desk/resources/app.asar.unpacked/node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node',
      './opt/DMP Desk/resources/app.asar.unpacked/node_modules/smartcard/build/Release/smartcard_napi.node',
      `./usr/share/applications/${pkg.name}.desktop`,
    ]) {
      expect(contents, path).toContain(path);
    }
    const { stdout: packedAsar } = await execFileAsync(
      'sh',
      [
        '-c',
        'dpkg-deb --fsys-tarfile "$1" | tar -xOf - "./opt/DMP Desk/resources/app.asar" | sha256sum',
        'sh',
        debPath,
      ],
      { maxBuffer: 1024 * 1024 },
    );
    expect(packedAsar.split(' ')[0]).toBe(createHash('sha256').update(readFileSync(asarPath)).digest('hex'));
  });
});
