import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const VALUE_SETS_DIR_NAME = 'value-sets';

/**
 * Where the packaged value sets are: next to the app's resources once installed (electron-builder
 * extraResources), in `resources/` of the project when run from the sources (dev, harness, tests).
 */
export function valueSetsDir(options: { readonly resourcesPath?: string | undefined; readonly cwd: string }): string {
  const fromSources = join(options.cwd, 'resources', VALUE_SETS_DIR_NAME);
  const installed = options.resourcesPath === undefined ? undefined : join(options.resourcesPath, VALUE_SETS_DIR_NAME);
  // When neither exists, the sources path is kept and the loader says the tables are missing.
  return installed !== undefined && existsSync(installed) ? installed : fromSources;
}

/** The folder for this process: Electron sets `process.resourcesPath`, plain Node (harness, tests) does not. */
export function defaultValueSetsDir(): string {
  return valueSetsDir({ resourcesPath: (process as { resourcesPath?: string }).resourcesPath, cwd: process.cwd() });
}
