import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { Store } from '../store/client';
import type { AuditAnchor } from './verify';

const KEY_BYTES = 32;
const PSEUDONYM_KEY = 'audit.pseudonym';
const CHAIN_KEY = 'audit.chain';

/**
 * Where the audit trail keeps what must not sit beside its journal: the pseudonym key, the chain
 * key and the chain's anchor. In production, the encrypted store (its key wrapped by the OS
 * keystore); a copy of the audit folder alone then gives neither an INS nor a way to forge lines.
 */
export interface AuditVault {
  pseudonymKey(): Promise<Uint8Array>;
  /** The chain key; made only when `create` (a first start), never silently remade once lines exist. */
  chainKey(options: { readonly create: boolean }): Promise<Uint8Array | undefined>;
  anchor(): Promise<AuditAnchor | undefined>;
  setAnchor(anchor: AuditAnchor): Promise<void>;
}

/**
 * The vault in the encrypted store. `legacyPseudonymKeyFile`: where an earlier version kept the
 * pseudonym key in clear; it is taken into the store on first use (so patients keep their
 * pseudonyms) and the file is deleted.
 */
export function createStoreAuditVault(
  store: Store,
  options: { readonly legacyPseudonymKeyFile?: string } = {},
): AuditVault {
  return {
    pseudonymKey: async () => {
      const kept = await store.call('secrets.get', { name: PSEUDONYM_KEY });
      if (kept !== undefined) return kept;
      const legacy = options.legacyPseudonymKeyFile;
      const inherited = legacy === undefined ? undefined : await readLegacyKey(legacy);
      const key = await store.call('secrets.ensure', {
        name: PSEUDONYM_KEY,
        value: inherited ?? randomBytes(KEY_BYTES),
      });
      if (legacy !== undefined) await rm(legacy, { force: true });
      return key;
    },
    chainKey: async ({ create }) => {
      const kept = await store.call('secrets.get', { name: CHAIN_KEY });
      if (kept !== undefined || !create) return kept;
      return store.call('secrets.ensure', { name: CHAIN_KEY, value: randomBytes(KEY_BYTES) });
    },
    anchor: () => store.call('audit.anchor.get', undefined),
    setAnchor: async (anchor) => {
      await store.call('audit.anchor.set', anchor);
    },
  };
}

async function readLegacyKey(file: string): Promise<Uint8Array | undefined> {
  try {
    const key = await readFile(file);
    return key.length === KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}
