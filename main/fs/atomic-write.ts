import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Replace a file so that a crash or a full disk leaves either the old or the new content,
 * never a torn one: write a sibling temp file, fsync it, then rename over the target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw toStorageError(error);
  }
}

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** File-system failures mapped to stable codes; the path (it may name a patient file) stays out. */
export function toStorageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  return new AppError(FULL_CODES.has(code) ? 'STORAGE_FULL' : 'STORAGE_IO', { details: { errno: code }, cause: error });
}
