/**
 * A stand-in for fpm, for the packaging test only (tests/integration/packaging): electron-builder's
 * `deb` target hands its staged files to fpm, which it downloads from GitHub (unreachable here) and
 * which neither Debian nor npm ship (it is a Ruby gem). electron-builder runs whatever
 * `CUSTOM_FPM_PATH` names instead; this builds the package with Debian's own `dpkg-deb`.
 *
 * It understands exactly the options electron-builder 26 passes for a deb (FpmTarget.executeFpm)
 * and refuses any other, so a change in how electron-builder calls fpm fails the test instead of
 * silently producing a different package. Release workstations use the real fpm.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FpmDebRequest {
  name: string;
  version: string;
  iteration?: string;
  architecture: string;
  maintainer?: string;
  vendor?: string;
  url?: string;
  category?: string;
  priority: string;
  license?: string;
  description: string;
  depends: string[];
  recommends: string[];
  compression: string;
  afterInstall?: string;
  afterRemove?: string;
  output: string;
  /** `source=destination` pairs; a source ending in `/` copies the folder's content. */
  mappings: { source: string; destination: string }[];
}

/** Options that take a value, and where each lands. */
const VALUE_OPTIONS = {
  '-s': 'sourceType',
  '-t': 'targetType',
  '-d': 'depends',
  '--deb-recommends': 'recommends',
  '--deb-compression': 'compression',
  '--deb-priority': 'priority',
  '--architecture': 'architecture',
  '--after-install': 'afterInstall',
  '--after-remove': 'afterRemove',
  '--description': 'description',
  '--version': 'version',
  '--iteration': 'iteration',
  '--package': 'output',
  '--name': 'name',
  '--maintainer': 'maintainer',
  '--vendor': 'vendor',
  '--url': 'url',
  '--category': 'category',
  '--license': 'license',
  '--log': 'log',
} as const;
const FLAG_OPTIONS = new Set(['--force', '--debug']);

/** Parses electron-builder's fpm command line; throws on anything it does not pass for a deb. */
export function parseFpmArguments(args: readonly string[]): FpmDebRequest {
  const values = new Map<string, string[]>();
  const mappings: FpmDebRequest['mappings'] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (FLAG_OPTIONS.has(arg)) continue;
    if (arg in VALUE_OPTIONS) {
      const value = args[index + 1];
      if (value === undefined) throw new Error(`fpm stand-in: ${arg} needs a value`);
      const key = VALUE_OPTIONS[arg as keyof typeof VALUE_OPTIONS];
      values.set(key, [...(values.get(key) ?? []), value]);
      index++;
      continue;
    }
    if (arg.startsWith('-')) throw new Error(`fpm stand-in: unsupported option ${arg}`);
    const separator = arg.indexOf('=');
    if (separator <= 0) throw new Error(`fpm stand-in: expected source=destination, got ${arg}`);
    mappings.push({ source: arg.slice(0, separator), destination: arg.slice(separator + 1) });
  }
  const one = (key: string): string | undefined => values.get(key)?.at(-1);
  const required = (key: string): string => {
    const value = one(key);
    if (value === undefined) throw new Error(`fpm stand-in: missing ${key}`);
    return value;
  };
  if (one('sourceType') !== 'dir' || one('targetType') !== 'deb') {
    throw new Error('fpm stand-in: only `-s dir -t deb` is supported');
  }
  const request: FpmDebRequest = {
    name: required('name'),
    version: required('version'),
    architecture: required('architecture'),
    priority: one('priority') ?? 'optional',
    description: required('description'),
    depends: values.get('depends') ?? [],
    recommends: values.get('recommends') ?? [],
    compression: one('compression') ?? 'xz',
    output: required('output'),
    mappings,
  };
  for (const key of [
    'iteration',
    'maintainer',
    'vendor',
    'url',
    'category',
    'license',
    'afterInstall',
    'afterRemove',
  ] as const) {
    const value = one(key);
    if (value !== undefined) request[key] = value;
  }
  return request;
}

/**
 * The control file's Description: a synopsis line, then the long text with each line indented by
 * one space and blank lines written as ` .` (Debian Policy 5.6.13).
 */
export function controlDescription(description: string): string {
  const lines = description.split('\n').map((line) => line.trim());
  const synopsis = lines.find((line) => line !== '') ?? '';
  const rest = lines.slice(lines.indexOf(synopsis) + 1);
  while (rest.length > 0 && rest.at(-1) === '') rest.pop();
  return [synopsis, ...rest.map((line) => (line === '' ? ' .' : ` ${line}`))].join('\n');
}

/** Size of a tree in KiB, for Installed-Size. */
function treeKib(path: string): number {
  const output = execFileSync('du', ['-sk', '--apparent-size', path], { encoding: 'utf8' });
  return Number(output.split('\t')[0]);
}

/** Stages the files, writes DEBIAN/, and builds the package with dpkg-deb. */
export function buildDeb(request: FpmDebRequest): void {
  const root = mkdtempSync(join(tmpdir(), 'fpm-stand-in-'));
  // The package's root is the installed system's `/`: never 0700 as mkdtemp makes it.
  chmodSync(root, 0o755);
  try {
    for (const { source, destination } of request.mappings) {
      const target = join(root, destination);
      if (statSync(source).isDirectory()) {
        mkdirSync(target, { recursive: true });
        cpSync(source, target, { recursive: true, verbatimSymlinks: true });
      } else {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(source, target);
      }
    }
    const installedSize = treeKib(root);
    const debian = join(root, 'DEBIAN');
    mkdirSync(debian);
    const version = request.iteration === undefined ? request.version : `${request.version}-${request.iteration}`;
    const fields: [string, string | undefined][] = [
      ['Package', request.name],
      ['Version', version],
      ['License', request.license],
      ['Vendor', request.vendor],
      ['Architecture', request.architecture],
      ['Maintainer', request.maintainer],
      ['Installed-Size', String(installedSize)],
      ['Depends', request.depends.length > 0 ? request.depends.join(', ') : undefined],
      ['Recommends', request.recommends.length > 0 ? request.recommends.join(', ') : undefined],
      ['Section', request.category],
      ['Priority', request.priority],
      ['Homepage', request.url],
      ['Description', controlDescription(request.description)],
    ];
    const control = fields
      .filter((field): field is [string, string] => field[1] !== undefined && field[1] !== '')
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n');
    writeFileSync(join(debian, 'control'), `${control}\n`);
    for (const [script, file] of [
      [request.afterInstall, 'postinst'],
      [request.afterRemove, 'postrm'],
    ] as const) {
      if (script === undefined) continue;
      copyFileSync(script, join(debian, file));
      chmodSync(join(debian, file), 0o755);
    }
    rmSync(request.output, { force: true });
    execFileSync('dpkg-deb', ['--root-owner-group', `-Z${request.compression}`, '--build', root, request.output], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  try {
    buildDeb(parseFpmArguments(process.argv.slice(2)));
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
