import type { RunMode } from '../../../shared/api';
import type { StoreKeyProtection } from '../../config/schema';
import type { OsKeystore } from '../../keystore/os-keystore';
import type { KeyProtection } from './key-provider';

/** Where IT puts the passphrase in passphrase mode (an environment variable, so it never sits in a file we write). */
export const STORE_PASSPHRASE_ENV = 'DMP_DESK_STORE_PASSPHRASE';

/**
 * Training data is fictional (demo family, simulated DMP): on a machine without an OS keystore
 * (the browser harness, a CI runner) a lesson still gets a working store, under this published
 * passphrase. Production never falls back to it.
 */
export const TRAINING_PASSPHRASE = 'dmp-desk-training';

/** A keystore that says there is none: what a desk without one is given, so the store refuses. */
export const NO_KEYSTORE: OsKeystore = {
  availability: () => ({ available: false, backend: 'none', reason: 'no_keystore' }),
  wrap: () => Promise.reject(new Error('no keystore')),
  unwrap: () => Promise.reject(new Error('no keystore')),
};

/**
 * How this run's store key is protected:
 * - the configuration enables `passphrase`: from DMP_DESK_STORE_PASSPHRASE (missing -> the store refuses);
 * - otherwise the OS keystore, refused by the key provider if absent or basic_text;
 * - except in training without a usable keystore: the environment's passphrase, else the training one.
 */
export function storeKeyProtectionFor(options: {
  readonly mode: RunMode;
  readonly configured: StoreKeyProtection | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly keystore: OsKeystore | undefined;
}): KeyProtection {
  const passphrase = options.env[STORE_PASSPHRASE_ENV];
  if (options.configured === 'passphrase') return { kind: 'passphrase', passphrase };
  const keystore = options.keystore ?? NO_KEYSTORE;
  if (options.mode === 'training' && !keystore.availability().available) {
    // A published passphrase gains nothing from a costly KDF: the cheap one keeps lessons and tests quick.
    return passphrase === undefined
      ? { kind: 'passphrase', passphrase: TRAINING_PASSPHRASE, cost: { N: 2 ** 10, r: 8, p: 1 } }
      : { kind: 'passphrase', passphrase };
  }
  return { kind: 'os-keystore', keystore };
}
