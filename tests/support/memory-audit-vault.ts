import { randomBytes } from 'node:crypto';
import type { AuditVault } from '../../main/audit/vault';
import type { AuditAnchor } from '../../main/audit/verify';

/** The audit vault's contract in memory, for unit tests; production's is the encrypted store (tests/integration/audit). */
export interface MemoryAuditVault extends AuditVault {
  readonly state: { pseudonym?: Uint8Array; chain?: Uint8Array; anchor?: AuditAnchor };
}

export function memoryAuditVault(): MemoryAuditVault {
  const state: MemoryAuditVault['state'] = {};
  return {
    state,
    pseudonymKey: async () => (state.pseudonym ??= randomBytes(32)),
    chainKey: async ({ create }) => (create ? (state.chain ??= randomBytes(32)) : state.chain),
    anchor: async () => state.anchor,
    setAnchor: async (anchor) => {
      state.anchor = anchor;
    },
  };
}
