import { safeStorage } from 'electron';
import type { OsKeystore } from '../../keystore/os-keystore';

/**
 * Electron's safeStorage as the OS keystore (DPAPI, Keychain, libsecret/kwallet). The one file
 * of the key handling that imports electron: everything else takes an OsKeystore, so it runs
 * under Node in tests and in the browser harness.
 */
export const electronKeystore: OsKeystore = {
  availability: () => {
    if (!safeStorage.isEncryptionAvailable()) return { available: false, backend: 'none', reason: 'no_keystore' };
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform;
    return backend === 'basic_text'
      ? { available: false, backend, reason: 'basic_text' }
      : { available: true, backend };
  },
  wrap: async (secret) => safeStorage.encryptString(Buffer.from(secret).toString('base64')),
  unwrap: async (wrapped) => Buffer.from(safeStorage.decryptString(Buffer.from(wrapped)), 'base64'),
};
