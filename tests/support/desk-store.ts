import { join } from 'node:path';
import { createStoreAuditVault, type AuditVault } from '../../main/audit/vault';
import { openStore, type Store } from '../../main/store/client';
import { createKeyProvider } from '../../main/store/keys/key-provider';
import { storeKeyProtectionFor } from '../../main/store/keys/protection';

/**
 * The encrypted store a training desk in `userDataDir` opens (same folder, same key protection as
 * createServices gives it), for tests that prepare or inspect a desk's data around it.
 */
export async function openDeskStore(userDataDir: string): Promise<{ store: Store; vault: AuditVault }> {
  const keys = createKeyProvider(
    storeKeyProtectionFor({ mode: 'training', configured: undefined, env: {}, keystore: undefined }),
  );
  const store = await openStore({ dir: join(userDataDir, 'store'), keys });
  return { store, vault: createStoreAuditVault(store) };
}
