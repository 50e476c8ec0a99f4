import { open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errnoOf } from './errno';

/** The few file operations the journal needs, so a full disk can be reproduced in a test. */
export interface JournalFiles {
  /** Appends and makes the bytes durable (fsync) before resolving; `newFile` also syncs the directory entry. */
  append(file: string, data: Buffer, newFile: boolean): Promise<void>;
  /** Cuts the file back to a known-good size after a failed append. */
  truncate(file: string, size: number): Promise<void>;
  /** The whole file, or undefined when it does not exist yet. */
  read(file: string): Promise<Buffer | undefined>;
}

export const nodeJournalFiles: JournalFiles = {
  append: async (file, data, newFile) => {
    const handle = await open(file, 'a', 0o600);
    try {
      await handle.write(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!newFile) return;
    // A new file's directory entry must be durable too, or a crash right after creation loses it.
    const dir = await open(dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  },
  truncate: (file, size) => truncate(file, size),
  read: async (file) => {
    try {
      return await readFile(file);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw error;
    }
  },
};
