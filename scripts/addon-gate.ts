/**
 * `npm run addon-gate [-- FOLDER...]` (default `dist`), run by `npm run dist` after electron-builder:
 * refuses to let a package out unless every `.node` file under the folders declares N-API or the
 * pinned Electron's NODE_MODULE_VERSION (scripts/packaging/addon-abi.ts reads the symbol each
 * addon exports). An addon built for another ABI — such as better-sqlite3-multiple-ciphers built
 * for the machine's Node — would make the packaged app fail at its first database access.
 *
 * Addons left inside an `.asar` archive are read from it.
 * Exit 0 with one `ok` line per addon; exit 1 with one `refused` line per offending addon, or when
 * no `.node` file is found at all (a gate that saw nothing proves nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { addonAbi, gateVerdict, type AddonAbi, type GateVerdict } from './packaging/addon-abi';

const projectRoot = resolve(import.meta.dirname, '..');

/**
 * The NODE_MODULE_VERSION of the Electron in `electronDir`: its package ships an `abi_version`
 * file; node-abi's registry (a devDependency, also electron-builder's) is the fallback and the cross-check.
 */
export function electronModuleVersion(electronDir = join(projectRoot, 'node_modules', 'electron')): number {
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string };
  let shipped: number | undefined;
  try {
    shipped = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
  } catch {
    shipped = undefined;
  }
  let registry: number | undefined;
  try {
    const nodeAbi = createRequire(join(projectRoot, 'package.json'))('node-abi') as {
      getAbi: (target: string, runtime: string) => string;
    };
    registry = Number(nodeAbi.getAbi(version, 'electron'));
  } catch {
    registry = undefined;
  }
  if (shipped !== undefined && registry !== undefined && shipped !== registry) {
    throw new Error(`Electron ${version}: abi_version says ${shipped}, node-abi says ${registry}`);
  }
  const moduleVersion = shipped ?? registry;
  if (moduleVersion === undefined || !Number.isInteger(moduleVersion) || moduleVersion <= 0) {
    throw new Error(`Electron ${version}: no NODE_MODULE_VERSION known (update node-abi)`);
  }
  return moduleVersion;
}

/** Every `.node` file under `dir`, symbolic links not followed (a package holds real files). */
export function findAddons(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.node'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export interface GateResult {
  file: string;
  verdict: GateVerdict;
}

/** Every `.asar` archive under `dir`. */
const findArchives = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.asar'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();

/**
 * The addons packed inside an asar archive (`archive/inner/path.node`) with their bytes. Those
 * asarUnpack put next to it (`app.asar.unpacked`) are found on disk instead, so are skipped here;
 * Electron can still load one left inside (it copies it out first), so the gate must see it too.
 */
function addonsInArchive(archive: string): { file: string; bytes: Uint8Array }[] {
  return listPackage(archive, { isPack: false })
    .map((entry) => entry.replace(/^[/\\]/, ''))
    .filter((entry) => entry.endsWith('.node'))
    .filter((entry) => {
      const stat = statFile(archive, entry);
      return !('unpacked' in stat && stat.unpacked === true) && 'size' in stat;
    })
    .map((entry) => ({ file: join(archive, entry), bytes: extractFile(archive, entry) }));
}

export function runGate(dirs: string[], moduleVersion: number): GateResult[] {
  const onDisk = dirs.flatMap((dir) => findAddons(dir)).map((file) => ({ file, bytes: readFileSync(file) }));
  const packed = dirs.flatMap((dir) => findArchives(dir)).flatMap(addonsInArchive);
  return [...onDisk, ...packed].map(({ file, bytes }) => ({
    file,
    verdict: gateVerdict(addonAbi(bytes), moduleVersion),
  }));
}

const describeAbi = (abi: AddonAbi): string =>
  abi.kind === 'napi'
    ? 'N-API'
    : abi.kind === 'node-module-version'
      ? `NODE_MODULE_VERSION ${abi.moduleVersion}`
      : 'unknown';

/** The gate's report lines and exit code, for `moduleVersion`'s Electron. */
export function gateReport(dirs: string[], moduleVersion: number, cwd: string): { lines: string[]; exitCode: 0 | 1 } {
  const results = runGate(dirs, moduleVersion);
  if (results.length === 0) {
    return { lines: [`refused: no .node file under ${dirs.join(', ')}`], exitCode: 1 };
  }
  const lines = results.map(({ file, verdict }) =>
    verdict.accepted
      ? `ok       ${relative(cwd, file)}: ${describeAbi(verdict.abi)}`
      : `refused  ${relative(cwd, file)}: ${verdict.reason}`,
  );
  return { lines, exitCode: results.every(({ verdict }) => verdict.accepted) ? 0 : 1 };
}

function main(): void {
  // `npm run` starts us in the project root; relative paths are the caller's, from where they typed them.
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const args = process.argv.slice(2);
  const dirs = (args.length > 0 ? args : ['dist']).map((dir) => resolve(cwd, dir));
  const moduleVersion = electronModuleVersion();
  const { lines, exitCode } = gateReport(dirs, moduleVersion, cwd);
  process.stdout.write(`addon gate: pinned Electron needs N-API or NODE_MODULE_VERSION ${moduleVersion}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = exitCode;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    main();
  } catch (error: unknown) {
    process.stderr.write(`addon-gate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
