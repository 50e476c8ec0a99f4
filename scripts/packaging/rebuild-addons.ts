/**
 * `tsx scripts/packaging/rebuild-addons.ts --for electron|node`, run by `npm run dist`
 * (scripts/dist.sh): rebuilds every installed native addon that is neither N-API nor built for the
 * target runtime's NODE_MODULE_VERSION, then checks each one now declares it.
 *
 * `--for electron` (before electron-builder) builds them with @electron/rebuild against the pinned
 * Electron's headers, which it downloads from electronjs.org: only a release workstation can. npm's
 * `nodedir` is dropped for that step: with it node-gyp would quietly compile against Node's own
 * headers and the "Electron" build would be one more Node build (the trap the addon gate catches).
 * `--for node` (after packaging) puts the development tree back on Node's ABI with `npm rebuild`,
 * so the tests run again.
 *
 * The addon gate (scripts/addon-gate.ts) still checks the package itself afterwards.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { electronModuleVersion, findAddons } from '../addon-gate';
import { addonAbi, type AddonAbi } from './addon-abi';

const projectRoot = resolve(import.meta.dirname, '../..');

export interface InstalledAddon {
  /** The npm package the addon belongs to (`@scope/name` or `name`): the innermost under node_modules. */
  packageName: string;
  file: string;
  abi: AddonAbi;
}

/** The package an addon file belongs to, from its path under a node_modules folder. */
export function packageOf(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const first = parts[at + 1] as string;
  return first.startsWith('@') && at + 2 < parts.length ? `${first}/${parts[at + 2] as string}` : first;
}

/** Every `.node` file under `nodeModules` with the ABI it declares. */
export function installedAddons(nodeModules: string): InstalledAddon[] {
  return findAddons(nodeModules).flatMap((file) => {
    const packageName = packageOf(file);
    return packageName === undefined ? [] : [{ packageName, file, abi: addonAbi(readFileSync(file)) }];
  });
}

/**
 * The packages to rebuild for a runtime of `moduleVersion`: those with an addon registered for
 * another module version. N-API addons load anywhere; files that declare no Node ABI at all (such
 * as SQLite's test extension, a plain shared library) are not addons to rebuild: the gate refuses
 * them if they are ever packaged.
 */
export function packagesToRebuild(addons: readonly InstalledAddon[], moduleVersion: number): string[] {
  const names = addons
    .filter(({ abi }) => abi.kind === 'node-module-version' && abi.moduleVersion !== moduleVersion)
    .map(({ packageName }) => packageName);
  return [...new Set(names)].sort();
}

function pinnedElectronVersion(): string {
  const path = join(projectRoot, 'node_modules', 'electron', 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const target = process.argv[process.argv.indexOf('--for') + 1];
  if (target !== 'electron' && target !== 'node') throw new Error('usage: rebuild-addons.ts --for electron|node');
  const nodeModules = join(projectRoot, 'node_modules');
  const moduleVersion = target === 'electron' ? electronModuleVersion() : Number(process.versions.modules);
  const names = packagesToRebuild(installedAddons(nodeModules), moduleVersion);
  console.log(`rebuild-addons: ${target} needs N-API or NODE_MODULE_VERSION ${moduleVersion}`);
  if (names.length === 0) {
    console.log('rebuild-addons: nothing to rebuild');
    return;
  }
  console.log(`rebuild-addons: rebuilding ${names.join(', ')}`);
  if (target === 'electron') {
    for (const key of Object.keys(process.env)) {
      if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
    }
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: projectRoot,
      electronVersion: pinnedElectronVersion(),
      onlyModules: names,
      force: true,
    });
  } else {
    execFileSync('npm', ['rebuild', ...names], { cwd: projectRoot, stdio: 'inherit' });
  }
  const left = packagesToRebuild(installedAddons(nodeModules), moduleVersion);
  if (left.length > 0) throw new Error(`still not built for NODE_MODULE_VERSION ${moduleVersion}: ${left.join(', ')}`);
  console.log(`rebuild-addons: ${names.join(', ')} now built for NODE_MODULE_VERSION ${moduleVersion}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(`rebuild-addons: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
