/**
 * A real native addon registered for one NODE_MODULE_VERSION, not N-API: exactly how
 * better-sqlite3-multiple-ciphers 12 registered (`NODE_MODULE_INIT`), the addon the packaged app
 * would have failed to load before every addon was N-API. Compiled here in about two seconds
 * against the headers of the Node running the tests (the toolchain's, scripts/toolchain.sh), so
 * it declares that Node's module version and loads in it, and in nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SOURCE = `#include <node.h>
NODE_MODULE_INIT(/* exports, module, context */) {}
`;

/** The include/node folder of the Node running us (npm_config_nodedir's, else beside the binary). */
export function nodeHeaders(): string {
  const candidates = [process.env['npm_config_nodedir'], resolve(dirname(process.execPath), '..')]
    .filter((dir): dir is string => dir !== undefined && dir !== '')
    .map((dir) => join(dir, 'include', 'node'));
  const found = candidates.find((dir) => existsSync(join(dir, 'node_version.h')));
  if (found === undefined) throw new Error(`no Node headers in ${candidates.join(', ')}`);
  return found;
}

/** Compiles the addon into `dir` and returns its path. */
export function compileNodeAbiAddon(dir: string, name = 'node_abi_addon'): string {
  mkdirSync(dir, { recursive: true });
  const source = join(dir, `${name}.cc`);
  const output = join(dir, `${name}.node`);
  writeFileSync(source, SOURCE);
  execFileSync('c++', ['-shared', '-fPIC', '-std=c++20', '-I', nodeHeaders(), source, '-o', output], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return output;
}
