import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyProvider, type KeyProtection } from '../../../../main/store/keys/key-provider';
import { AppError } from '../../../../shared/errors';
import { testKeystore } from '../../../support/test-keystore';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-keys-');
// Cheap scrypt for tests; the default cost is exercised once below.
const cost = { N: 2 ** 10, r: 8, p: 1 };
const passphrase = (value: string | undefined): KeyProtection => ({ kind: 'passphrase', passphrase: value, cost });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError)
      return (
        String(error.code) + (error.details?.['reason'] === undefined ? '' : `:${String(error.details['reason'])}`)
      );
    throw error;
  }
  throw new Error('expected a failure');
}

describe('store key provider', () => {
  it('makes a random 32-byte key once, wraps it by the OS keystore (file 0600) and gives it back', async () => {
    const file = join(await tempDir(), 'store', 'store.key');
    const keys = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() });
    const key = await keys.storeKey({ file, create: true });
    expect(key).toHaveLength(32);
    expect(await keys.storeKey({ file, create: false })).toEqual(key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const onDisk = await readFile(file);
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    const other = await createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }).storeKey({
      file: join(await tempDir(), 'store.key'),
      create: true,
    });
    expect(other).not.toEqual(key);
  });

  it.each([
    ['no keystore', { available: false, backend: 'none', reason: 'no_keystore' }],
    ['Linux basic_text', { available: false, backend: 'basic_text', reason: 'basic_text' }],
  ] as const)('refuses to make or read a key with %s: STORE_KEYSTORE_UNAVAILABLE', async (_name, availability) => {
    const file = join(await tempDir(), 'store.key');
    const keys = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore(0x5a, availability) });
    expect(await codeOf(keys.storeKey({ file, create: true }))).toBe(
      `STORE_KEYSTORE_UNAVAILABLE:${availability.reason}`,
    );
    await expect(stat(file)).rejects.toThrow();
  });

  it('answers STORE_WRONG_KEY when another user’s keystore cannot unwrap the file', async () => {
    const file = join(await tempDir(), 'store.key');
    await createKeyProvider({ kind: 'os-keystore', keystore: testKeystore(1) }).storeKey({ file, create: true });
    const other = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore(2) });
    expect(await codeOf(other.storeKey({ file, create: false }))).toBe('STORE_WRONG_KEY:keystore_refused');
  });

  it('in passphrase mode, derives the wrapping key from the passphrase and refuses another one', async () => {
    const file = join(await tempDir(), 'store.key');
    const key = await createKeyProvider(passphrase('correct horse battery staple')).storeKey({ file, create: true });
    expect(
      await createKeyProvider(passphrase('correct horse battery staple')).storeKey({ file, create: false }),
    ).toEqual(key);
    expect(await codeOf(createKeyProvider(passphrase('wrong')).storeKey({ file, create: false }))).toBe(
      'STORE_WRONG_KEY:passphrase',
    );
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('correct horse');
    expect(JSON.parse(text)).toMatchObject({ protection: 'passphrase', kdf: { name: 'scrypt', N: 1024 } });
  });

  it('uses a costly scrypt by default', async () => {
    const file = join(await tempDir(), 'store.key');
    await createKeyProvider({ kind: 'passphrase', passphrase: 'p' }).storeKey({ file, create: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kdf: { N: 2 ** 17, r: 8, p: 1 } });
  });

  it('answers STORE_PASSPHRASE_MISSING without a passphrase, whatever the file', async () => {
    const file = join(await tempDir(), 'store.key');
    expect(await codeOf(createKeyProvider(passphrase(undefined)).storeKey({ file, create: true }))).toBe(
      'STORE_PASSPHRASE_MISSING',
    );
    expect(await codeOf(createKeyProvider(passphrase('')).storeKey({ file, create: true }))).toBe(
      'STORE_PASSPHRASE_MISSING',
    );
  });

  it('does not silently switch protection: a keystore-wrapped file under passphrase mode is a wrong key', async () => {
    const file = join(await tempDir(), 'store.key');
    await createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }).storeKey({ file, create: true });
    expect(await codeOf(createKeyProvider(passphrase('p')).storeKey({ file, create: false }))).toBe(
      'STORE_WRONG_KEY:protection_changed',
    );
  });

  it('never makes a new key over a missing or unreadable file when the database exists', async () => {
    const file = join(await tempDir(), 'store.key');
    const keys = createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() });
    expect(await codeOf(keys.storeKey({ file, create: false }))).toBe('STORE_WRONG_KEY:key_file_missing');
    await writeFile(file, '{"v":1}');
    expect(await codeOf(keys.storeKey({ file, create: true }))).toBe('STORE_WRONG_KEY:key_file_unreadable');
  });
});
