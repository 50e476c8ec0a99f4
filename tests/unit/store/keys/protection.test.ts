import { describe, expect, it } from 'vitest';
import {
  NO_KEYSTORE,
  STORE_PASSPHRASE_ENV,
  storeKeyProtectionFor,
  TRAINING_PASSPHRASE,
} from '../../../../main/store/keys/protection';
import { testKeystore } from '../../../support/test-keystore';

const basicText = testKeystore(1, { available: false, backend: 'basic_text', reason: 'basic_text' });
const real = testKeystore(1);

describe('storeKeyProtectionFor', () => {
  it('uses the OS keystore in production, even an unusable one: the key provider then refuses it', () => {
    expect(storeKeyProtectionFor({ mode: 'production', configured: undefined, env: {}, keystore: real })).toEqual({
      kind: 'os-keystore',
      keystore: real,
    });
    expect(
      storeKeyProtectionFor({ mode: 'production', configured: 'os-keystore', env: {}, keystore: basicText }),
    ).toEqual({ kind: 'os-keystore', keystore: basicText });
    expect(storeKeyProtectionFor({ mode: 'production', configured: undefined, env: {}, keystore: undefined })).toEqual({
      kind: 'os-keystore',
      keystore: NO_KEYSTORE,
    });
  });

  it('never falls back to a passphrase in production unless IT configured it, then reads the environment', () => {
    const env = { [STORE_PASSPHRASE_ENV]: 'from IT' };
    expect(storeKeyProtectionFor({ mode: 'production', configured: undefined, env, keystore: basicText }).kind).toBe(
      'os-keystore',
    );
    expect(storeKeyProtectionFor({ mode: 'production', configured: 'passphrase', env, keystore: real })).toEqual({
      kind: 'passphrase',
      passphrase: 'from IT',
    });
    expect(storeKeyProtectionFor({ mode: 'production', configured: 'passphrase', env: {}, keystore: real })).toEqual({
      kind: 'passphrase',
      passphrase: undefined,
    });
  });

  it('lets a lesson run without a keystore, under the environment’s passphrase or the published training one', () => {
    expect(storeKeyProtectionFor({ mode: 'training', configured: undefined, env: {}, keystore: real }).kind).toBe(
      'os-keystore',
    );
    expect(
      storeKeyProtectionFor({ mode: 'training', configured: undefined, env: {}, keystore: basicText }),
    ).toMatchObject({
      kind: 'passphrase',
      passphrase: TRAINING_PASSPHRASE,
    });
    expect(
      storeKeyProtectionFor({
        mode: 'training',
        configured: undefined,
        env: { [STORE_PASSPHRASE_ENV]: 'mine' },
        keystore: undefined,
      }),
    ).toEqual({ kind: 'passphrase', passphrase: 'mine' });
  });
});
