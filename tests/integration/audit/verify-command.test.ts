import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_JOURNAL_FILE, createAuditTrail } from '../../../main/audit/trail';
import { verifyDeskAuditTrail, VERIFY_EXIT } from '../../../main/audit/verify-command';
import { silentLogger } from '../../../main/log/logger';
import { storeKeyProtectionFor } from '../../../main/store/keys/protection';
import { openDeskStore } from '../../support/desk-store';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-audit-verify-cmd-');
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const trainingKeys = storeKeyProtectionFor({ mode: 'training', configured: undefined, env: {}, keystore: undefined });

/** A training desk's folder with three journaled transactions, anchored in its real encrypted store. */
async function deskWithJournal(): Promise<string> {
  const dir = await tempDir();
  const { store, vault } = await openDeskStore(dir);
  try {
    const trail = createAuditTrail({ dir: join(dir, 'audit'), logger: silentLogger, vault });
    for (const transaction of ['TD0.2', 'TD3.1', 'TD3.2']) {
      await trail.record({
        transaction,
        accessMode: 'normal',
        professional: '899900038839',
        request: { patient: PATIENT },
      });
    }
  } finally {
    await store.close();
  }
  return dir;
}

describe('audit:verify against a desk folder and its encrypted store', () => {
  it('says intact (exit 0) for an untouched journal', async () => {
    const outcome = await verifyDeskAuditTrail({ userDataDir: await deskWithJournal(), keys: trainingKeys });
    expect(outcome).toEqual({
      exitCode: VERIFY_EXIT.intact,
      lines: [`${AUDIT_JOURNAL_FILE}: 3 lines, 3 anchored in the store: intact`],
    });
  });

  it('names a cut journal (exit 1): the anchor survived in the store', async () => {
    const dir = await deskWithJournal();
    const file = join(dir, 'audit', AUDIT_JOURNAL_FILE);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    await writeFile(file, `${lines.slice(0, 2).join('\n')}\n`);
    const outcome = await verifyDeskAuditTrail({ userDataDir: dir, keys: trainingKeys });
    expect(outcome.exitCode).toBe(VERIFY_EXIT.findings);
    expect(outcome.lines).toContain('truncated: 1 anchored line(s) missing');
  });

  it('cannot check (exit 2) without the store’s key, and says why by code only', async () => {
    const dir = await deskWithJournal();
    const outcome = await verifyDeskAuditTrail({
      userDataDir: dir,
      keys: { kind: 'passphrase', passphrase: 'not the training one', cost: { N: 1024, r: 8, p: 1 } },
    });
    expect(outcome).toEqual({ exitCode: VERIFY_EXIT.unchecked, lines: ['store: STORE_WRONG_KEY'] });
  });
});
