import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Shared read-only vectors live outside the project; never copy them in. */
export function vectorsPath(...segments: string[]): string {
  return resolve(process.env['DMP_DESK_VECTORS'] ?? resolve(projectRoot, '../shared/vectors'), ...segments);
}
