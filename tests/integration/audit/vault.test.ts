import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStoreAuditVault } from '../../../main/audit/vault';
import { openDeskStore } from '../../support/desk-store';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-audit-vault-');

describe('audit vault in the encrypted store', () => {
  it('takes the clear pseudonym key of an earlier version into the store, then deletes the file', async () => {
    const dir = await tempDir();
    const legacy = join(dir, 'audit', 'pseudonym.key');
    const oldKey = randomBytes(32);
    await mkdir(join(dir, 'audit'));
    await writeFile(legacy, oldKey, { mode: 0o600 });
    const { store } = await openDeskStore(dir);
    try {
      const vault = createStoreAuditVault(store, { legacyPseudonymKeyFile: legacy });
      // Patients keep their pseudonyms across the upgrade.
      expect(Buffer.from(await vault.pseudonymKey())).toEqual(oldKey);
      await expect(stat(legacy)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(Buffer.from(await createStoreAuditVault(store).pseudonymKey())).toEqual(oldKey);
    } finally {
      await store.close();
    }
  });

  it('makes the chain key only when asked to, keeps it, and keeps the anchor', async () => {
    const dir = await tempDir();
    const { store, vault } = await openDeskStore(dir);
    try {
      expect(await vault.chainKey({ create: false })).toBeUndefined();
      const key = await vault.chainKey({ create: true });
      expect(key).toHaveLength(32);
      expect(await vault.chainKey({ create: false })).toEqual(key);
      expect(await vault.chainKey({ create: true })).toEqual(key);
      expect(await vault.anchor()).toBeUndefined();
      await vault.setAnchor({ head: 'ab'.repeat(32), lines: 3 });
      await vault.setAnchor({ head: 'cd'.repeat(32), lines: 4 });
      expect(await vault.anchor()).toEqual({ head: 'cd'.repeat(32), lines: 4 });
    } finally {
      await store.close();
    }
  });

  it('makes a fresh pseudonym key when there is no earlier one, and a different one per desk', async () => {
    const [a, b] = [await openDeskStore(await tempDir()), await openDeskStore(await tempDir())];
    try {
      const first = await a.vault.pseudonymKey();
      expect(first).toHaveLength(32);
      expect(await a.vault.pseudonymKey()).toEqual(first);
      expect(await b.vault.pseudonymKey()).not.toEqual(first);
    } finally {
      await Promise.all([a.store.close(), b.store.close()]);
    }
  });
});
