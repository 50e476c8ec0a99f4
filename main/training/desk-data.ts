import { join } from 'node:path';

/**
 * Where a training desk keeps its own data (settings, encrypted store, audit trail): a folder of
 * its own under the user-data folder, so a lesson never writes into, reads from or anchors over
 * production's store and journal.
 */
export function trainingUserDataDir(userDataDir: string): string {
  return join(userDataDir, 'training', 'desk');
}
