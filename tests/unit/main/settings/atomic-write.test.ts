import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as FsPromises from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../../../support/temp-dir';

// Simulate a full disk on the write of the temp file; everything else is the real file system.
let failWrites: string | undefined;
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      if (failWrites === undefined) return handle;
      const code = failWrites;
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: async () => {
          throw Object.assign(new Error(`${code}: no space left on device, write`), { code });
        },
        close: () => handle.close(),
        sync: () => handle.sync(),
      });
    },
  };
});

const { toStorageError, writeFileAtomic } = await import('../../../../main/fs/atomic-write');
const tempDir = useTempDir();

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('on a full disk: STORAGE_FULL, the old content intact, no temp file left', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    failWrites = 'ENOSPC';
    try {
      await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'STORAGE_FULL', retryable: true });
    } finally {
      failWrites = undefined;
    }
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('maps other errors to STORAGE_IO without the path in the error', () => {
    const error = toStorageError(
      Object.assign(new Error("EACCES: permission denied, open '/home/dr/patients/DUPONT.json'"), { code: 'EACCES' }),
    );
    expect(error.code).toBe('STORAGE_IO');
    expect(JSON.stringify(error.toShape())).not.toContain('DUPONT');
    expect(error.toShape().details).toEqual({ errno: 'EACCES' });
  });
});
