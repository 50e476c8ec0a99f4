/**
 * The operating system's keystore, as main uses it: it wraps and unwraps small secrets (the
 * store's key, the audit key, a certificate password) so that nothing secret is ever on disk
 * in clear. Electron's `safeStorage` is the production adapter (DPAPI on Windows, Keychain on
 * macOS, libsecret/kwallet on Linux); tests and the browser harness use other adapters.
 */
export interface OsKeystore {
  /**
   * Whether wrapping is backed by a real OS keystore. Linux's `basic_text` backend encrypts with
   * a hard-coded password: it counts as unavailable, and callers refuse to rely on it.
   */
  availability(): OsKeystoreAvailability;
  wrap(secret: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array): Promise<Uint8Array>;
}

export type OsKeystoreAvailability =
  | { readonly available: true; readonly backend: string }
  | { readonly available: false; readonly backend: string; readonly reason: 'no_keystore' | 'basic_text' };
