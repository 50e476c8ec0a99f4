import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { OsKeystore } from '../../keystore/os-keystore';

export const STORE_KEY_BYTES = 32;

/** Where the store's key comes from. */
export interface KeyProvider {
  /**
   * The store's 32-byte key, kept wrapped in `file`. `create`: none exists yet and the database is new, so a random one
   * may be made and wrapped; otherwise a missing key file is a wrong key, never a fresh start.
   */
  storeKey(options: { readonly file: string; readonly create: boolean }): Promise<Buffer>;
}

/** How the key file is protected. The passphrase mode is IT's explicit choice (configuration). */
export type KeyProtection =
  | { readonly kind: 'os-keystore'; readonly keystore: OsKeystore }
  | {
      readonly kind: 'passphrase';
      /** From DMP_DESK_STORE_PASSPHRASE; undefined -> STORE_PASSPHRASE_MISSING. */
      readonly passphrase: string | undefined;
      /** scrypt cost for a new key file (tests lower it); an existing file keeps its own. */
      readonly cost?: ScryptCost;
    };

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About 0.3 s and 128 MiB once per start: slow enough to make guessing a passphrase costly. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const KeyFileSchema = z.discriminatedUnion('protection', [
  z.object({ v: z.literal(1), protection: z.literal('os-keystore'), wrapped: base64 }).strict(),
  z
    .object({
      v: z.literal(1),
      protection: z.literal('passphrase'),
      kdf: z
        .object({
          name: z.literal('scrypt'),
          N: z
            .number()
            .int()
            .min(2 ** 10),
          r: z.number().int().min(1),
          p: z.number().int().min(1),
          salt: base64,
        })
        .strict(),
      iv: base64,
      tag: base64,
      wrapped: base64,
    })
    .strict(),
]);
type KeyFile = z.infer<typeof KeyFileSchema>;

/**
 * The store's key: 32 random bytes, on disk only wrapped (file mode 0600) — by the OS keystore,
 * or, in passphrase mode, with AES-256-GCM under a key scrypt derives from IT's passphrase. A
 * keystore that cannot protect it (none, or Linux's basic_text with its built-in password) is
 * refused: the store stays closed rather than keep a key anyone could unwrap.
 */
export function createKeyProvider(protection: KeyProtection): KeyProvider {
  return {
    async storeKey({ file, create }) {
      checkProtection(protection);
      const existing = await readKeyFile(file);
      if (existing === undefined) {
        if (!create) throw new AppError('STORE_WRONG_KEY', { details: { reason: 'key_file_missing' } });
        const key = randomBytes(STORE_KEY_BYTES);
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        await writeFileAtomic(file, `${JSON.stringify(await wrapKey(key, protection))}\n`, 0o600);
        return key;
      }
      if (existing.protection !== protection.kind) {
        throw new AppError('STORE_WRONG_KEY', { details: { reason: 'protection_changed' } });
      }
      await chmod(file, 0o600).catch(() => undefined);
      const key = await unwrapKey(existing, protection);
      if (key.length !== STORE_KEY_BYTES) throw new AppError('STORE_WRONG_KEY', { details: { reason: 'key_length' } });
      return key;
    },
  };
}

function checkProtection(protection: KeyProtection): void {
  if (protection.kind === 'passphrase') {
    if (protection.passphrase === undefined || protection.passphrase === '') {
      throw new AppError('STORE_PASSPHRASE_MISSING');
    }
    return;
  }
  const availability = protection.keystore.availability();
  if (!availability.available) {
    throw new AppError('STORE_KEYSTORE_UNAVAILABLE', {
      details: { backend: availability.backend, reason: availability.reason },
    });
  }
}

async function readKeyFile(file: string): Promise<KeyFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new AppError('STORE_IO', { details: { part: 'key_file' } });
  }
  try {
    return KeyFileSchema.parse(JSON.parse(text));
  } catch {
    throw new AppError('STORE_WRONG_KEY', { details: { reason: 'key_file_unreadable' } });
  }
}

async function wrapKey(key: Buffer, protection: KeyProtection): Promise<KeyFile> {
  if (protection.kind === 'os-keystore') {
    return {
      v: 1,
      protection: 'os-keystore',
      wrapped: Buffer.from(await protection.keystore.wrap(key)).toString('base64'),
    };
  }
  const cost = protection.cost ?? DEFAULT_SCRYPT_COST;
  const salt = randomBytes(16);
  const kek = await derive(protection.passphrase ?? '', salt, cost);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    v: 1,
    protection: 'passphrase',
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

async function unwrapKey(file: KeyFile, protection: KeyProtection): Promise<Buffer> {
  if (file.protection === 'os-keystore' && protection.kind === 'os-keystore') {
    try {
      return Buffer.from(await protection.keystore.unwrap(Buffer.from(file.wrapped, 'base64')));
    } catch {
      // Another user, another machine, or a reset keychain: the key cannot be recovered here.
      throw new AppError('STORE_WRONG_KEY', { details: { reason: 'keystore_refused' } });
    }
  }
  if (file.protection === 'passphrase' && protection.kind === 'passphrase') {
    const { N, r, p, salt } = file.kdf;
    const kek = await derive(protection.passphrase ?? '', Buffer.from(salt, 'base64'), { N, r, p });
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(file.wrapped, 'base64')), decipher.final()]);
    } catch {
      throw new AppError('STORE_WRONG_KEY', { details: { reason: 'passphrase' } });
    }
  }
  throw new AppError('STORE_WRONG_KEY', { details: { reason: 'protection_changed' } });
}

function derive(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes, plus scrypt's own margin.
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      STORE_KEY_BYTES,
      { ...cost, maxmem: 256 * cost.N * cost.r },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}
