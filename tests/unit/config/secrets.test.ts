import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createEnvSecretSource,
  createSecretStore,
  setSecretFlag,
  setSecretFromStream,
} from '../../../main/config/secrets';
import type { OsKeystore, OsKeystoreAvailability } from '../../../main/keystore/os-keystore';
import { AppError } from '../../../shared/errors';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-secrets-');

/** A keystore that really transforms the bytes (so clear text on disk would show), keyed per "user". */
function fakeKeystore(
  key: number,
  availability: OsKeystoreAvailability = { available: true, backend: 'test' },
): OsKeystore {
  const flip = (data: Uint8Array) => Uint8Array.from(data, (byte) => byte ^ key);
  return {
    availability: () => availability,
    wrap: async (secret) => Uint8Array.from([0xaa, key, ...flip(secret)]),
    unwrap: async (wrapped) => {
      if (wrapped[0] !== 0xaa || wrapped[1] !== key) throw new Error('not ours');
      return flip(wrapped.subarray(2));
    },
  };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('secret store', () => {
  it('keeps named secrets wrapped by the keystore in one file, never in clear', async () => {
    const file = join(await tempDir(), 'secrets.json');
    const store = createSecretStore({ file, keystore: fakeKeystore(0x5c) });
    expect(await store.get('AUTH_P12')).toBeUndefined();
    await store.set('AUTH_P12', Buffer.from('p12-password-très-secret'));
    await store.set('SIGN_P12', Buffer.from('other'));
    expect(Buffer.from((await store.get('AUTH_P12')) ?? []).toString()).toBe('p12-password-très-secret');
    expect(await store.names()).toEqual(['AUTH_P12', 'SIGN_P12']);
    const disk = await readFile(file, 'utf8');
    expect(disk).not.toContain('p12-password');
    const stored = (JSON.parse(disk) as { secrets: Record<string, string> }).secrets['AUTH_P12'] ?? '';
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain('p12-password');
    expect(stored).not.toBe('');
    expect(await store.delete('SIGN_P12')).toBe(true);
    expect(await store.delete('SIGN_P12')).toBe(false);
    expect(await store.names()).toEqual(['AUTH_P12']);
  });

  it('refuses a keystore that cannot protect secrets (basic_text), for reading and writing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'secrets.json');
    await createSecretStore({ file, keystore: fakeKeystore(1) }).set('AUTH_P12', Buffer.from('x'));
    const weak = createSecretStore({
      file,
      keystore: fakeKeystore(1, { available: false, backend: 'basic_text', reason: 'basic_text' }),
    });
    expect(await code(weak.set('AUTH_P12', Buffer.from('y')))).toBe('CONFIG_KEYSTORE_UNAVAILABLE');
    expect(await code(weak.get('AUTH_P12'))).toBe('CONFIG_KEYSTORE_UNAVAILABLE');
  });

  it('reports a secret another keystore wrapped, and a damaged file, without crashing', async () => {
    const file = join(await tempDir(), 'secrets.json');
    await createSecretStore({ file, keystore: fakeKeystore(1) }).set('AUTH_P12', Buffer.from('x'));
    expect(await code(createSecretStore({ file, keystore: fakeKeystore(2) }).get('AUTH_P12'))).toBe(
      'CONFIG_SECRET_UNREADABLE',
    );
    await writeFile(file, '{ broken');
    expect(await code(createSecretStore({ file, keystore: fakeKeystore(1) }).get('AUTH_P12'))).toBe(
      'CONFIG_SECRET_UNREADABLE',
    );
  });

  it('refuses names that are not secret names', async () => {
    const store = createSecretStore({ file: join(await tempDir(), 's.json'), keystore: fakeKeystore(1) });
    for (const name of ['', 'lower', '../X', 'A B', `A${'B'.repeat(80)}`]) {
      expect(await code(store.set(name, Buffer.from('x')))).toBe('CONFIG_FIELD_INVALID');
    }
  });
});

describe('--set-secret NAME (stdin)', () => {
  it('stores what IT pipes in, without its trailing newline', async () => {
    const store = createSecretStore({ file: join(await tempDir(), 's.json'), keystore: fakeKeystore(3) });
    await setSecretFromStream(store, 'AUTH_P12', Readable.from([Buffer.from('pass'), Buffer.from('word\r\n')]));
    expect(Buffer.from((await store.get('AUTH_P12')) ?? []).toString()).toBe('password');
    await setSecretFromStream(store, 'SIGN_P12', Readable.from(['with inner\nnewline\n']));
    expect(Buffer.from((await store.get('SIGN_P12')) ?? []).toString()).toBe('with inner\nnewline');
  });

  it('refuses an empty or oversized secret', async () => {
    const store = createSecretStore({ file: join(await tempDir(), 's.json'), keystore: fakeKeystore(3) });
    expect(await code(setSecretFromStream(store, 'A', Readable.from(['\n'])))).toBe('CONFIG_FIELD_INVALID');
    expect(await code(setSecretFromStream(store, 'A', Readable.from(['x'.repeat(5000)])))).toBe('CONFIG_FIELD_INVALID');
    expect(await store.names()).toEqual([]);
  });

  it('reads the flag in both spellings', () => {
    expect(setSecretFlag(['--set-secret', 'AUTH_P12'])).toBe('AUTH_P12');
    expect(setSecretFlag(['--set-secret=SIGN_P12'])).toBe('SIGN_P12');
    expect(setSecretFlag(['--config', 'x'])).toBeUndefined();
  });
});

describe('environment secrets (browser harness and tests only)', () => {
  it('reads DMP_DESK_SECRET_<NAME> and nothing else', async () => {
    const source = createEnvSecretSource({ DMP_DESK_SECRET_AUTH_P12: 'from-env', AUTH_P12: 'not this' });
    expect(Buffer.from((await source.get('AUTH_P12')) ?? []).toString()).toBe('from-env');
    expect(await source.get('SIGN_P12')).toBeUndefined();
    expect(await code(source.get('bad name'))).toBe('CONFIG_FIELD_INVALID');
  });
});
