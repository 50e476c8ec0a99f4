import { join, resolve } from 'node:path';
import type { ConfigSource } from '../../shared/api';

/** File name of the IT configuration in its default folder. */
export const CONFIG_FILE_NAME = 'config.json';
export const CONFIG_ENV = 'DMP_DESK_CONFIG';

/**
 * Where IT puts the machine-wide configuration, per OS: a folder every user can read and only
 * administrators can write (the desk never writes there).
 */
export function defaultConfigPath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData';
    return `${programData.replace(/[\\/]+$/, '')}\\DMP Desk\\${CONFIG_FILE_NAME}`;
  }
  if (platform === 'darwin') return `/Library/Application Support/DMP Desk/${CONFIG_FILE_NAME}`;
  return join('/etc/dmp-desk', CONFIG_FILE_NAME);
}

/** `--config FILE` or `--config=FILE` among the process arguments; undefined when absent or empty. */
export function configFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--config') {
      const next = argv[i + 1];
      return next === undefined || next === '' || next.startsWith('--') ? undefined : next;
    }
    if (arg.startsWith('--config=')) {
      const value = arg.slice('--config='.length);
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** The flag wins over the environment, which wins over the OS default. */
export function locateConfig(options: {
  readonly flag: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly cwd: string;
}): { readonly kind: ConfigSource['kind']; readonly path: string } {
  if (options.flag !== undefined) return { kind: 'flag', path: resolve(options.cwd, options.flag) };
  const fromEnv = options.env[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { kind: 'env', path: resolve(options.cwd, fromEnv) };
  return { kind: 'default', path: defaultConfigPath(options.platform, options.env) };
}
