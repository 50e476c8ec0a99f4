import type { OsKeystore, OsKeystoreAvailability } from '../../main/keystore/os-keystore';

/**
 * A keystore that really transforms the bytes (so a clear key on disk would show), keyed per
 * "user": another user's keystore cannot unwrap what this one wrapped.
 */
export function testKeystore(
  user = 0x5a,
  availability: OsKeystoreAvailability = { available: true, backend: 'test' },
): OsKeystore {
  const flip = (data: Uint8Array): Uint8Array => Uint8Array.from(data, (byte) => byte ^ user);
  return {
    availability: () => availability,
    wrap: async (secret) => Uint8Array.from([0xaa, user, ...flip(secret)]),
    unwrap: async (wrapped) => {
      if (wrapped[0] !== 0xaa || wrapped[1] !== user) throw new Error('not ours');
      return flip(wrapped.subarray(2));
    },
  };
}
