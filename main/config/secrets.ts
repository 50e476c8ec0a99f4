import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { OsKeystore } from '../keystore/os-keystore';
import { SECRET_NAME_PATTERN } from './schema';

/**
 * Where the configuration's named secrets (PKCS#12 passwords) come from. The file names a
 * secret; the secret itself never is in the file, in a log or in an error.
 */
export interface SecretSource {
  /** The secret's bytes, or undefined when no secret has that name. Throws CONFIG_* AppErrors. */
  get(name: string): Promise<Uint8Array | undefined>;
}

export interface SecretStore extends SecretSource {
  set(name: string, secret: Uint8Array): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** Names only: what IT may list. */
  names(): Promise<readonly string[]>;
}

const SecretFileSchema = z
  .object({
    version: z.literal(1),
    /** name -> base64 of the secret as wrapped by the OS keystore. */
    secrets: z.record(z.string().regex(SECRET_NAME_PATTERN), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)),
  })
  .strict();
type SecretFile = z.infer<typeof SecretFileSchema>;

function checkName(name: string): void {
  if (!SECRET_NAME_PATTERN.test(name)) throw new AppError('CONFIG_FIELD_INVALID', { details: { field: 'secretName' } });
}

/**
 * Named secrets kept wrapped by the OS keystore in one file under the user data folder
 * (`secrets.json`): on disk, only what the keystore wrapped. A keystore that cannot really
 * protect them (Linux's basic_text) is refused rather than trusted.
 */
export function createSecretStore(options: { readonly file: string; readonly keystore: OsKeystore }): SecretStore {
  const requireKeystore = (): void => {
    const availability = options.keystore.availability();
    if (!availability.available) {
      throw new AppError('CONFIG_KEYSTORE_UNAVAILABLE', {
        details: { backend: availability.backend, reason: availability.reason },
      });
    }
  };

  const load = async (): Promise<SecretFile> => {
    let text: string;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new AppError('CONFIG_SECRET_UNREADABLE', { details: { reason: 'io' } });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('CONFIG_SECRET_UNREADABLE', { details: { reason: 'not_json' } });
    }
    const parsed = SecretFileSchema.safeParse(json);
    if (!parsed.success) throw new AppError('CONFIG_SECRET_UNREADABLE', { details: { reason: 'format' } });
    return parsed.data;
  };

  const save = async (content: SecretFile): Promise<void> => {
    await mkdir(dirname(options.file), { recursive: true });
    // Write then rename: a crash never leaves a half-written file that would lose every secret.
    const temp = `${options.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, options.file);
  };

  return {
    async get(name) {
      checkName(name);
      const wrapped = (await load()).secrets[name];
      if (wrapped === undefined) return undefined;
      requireKeystore();
      try {
        return await options.keystore.unwrap(Buffer.from(wrapped, 'base64'));
      } catch {
        // Another user's or another machine's keystore wrapped it: IT sets it again here.
        throw new AppError('CONFIG_SECRET_UNREADABLE', { details: { reason: 'unwrap', name } });
      }
    },
    async set(name, secret) {
      checkName(name);
      requireKeystore();
      const content = await load();
      const wrapped = await options.keystore.wrap(secret);
      await save({ version: 1, secrets: { ...content.secrets, [name]: Buffer.from(wrapped).toString('base64') } });
    },
    async delete(name) {
      checkName(name);
      const content = await load();
      if (!Object.hasOwn(content.secrets, name)) return false;
      const { [name]: _removed, ...rest } = content.secrets;
      await save({ version: 1, secrets: rest });
      return true;
    },
    async names() {
      return Object.keys((await load()).secrets).sort();
    },
  };
}

/** Prefix of the environment variables the harness adapter reads. */
export const SECRET_ENV_PREFIX = 'DMP_DESK_SECRET_';

/**
 * FOR THE BROWSER HARNESS AND TESTS ONLY: secrets from `DMP_DESK_SECRET_<NAME>` variables. An
 * environment is readable by any process of the same user and often ends up in shell history
 * or CI logs; a production desk (Electron) never uses this adapter, only the keystore-backed
 * store above.
 */
export function createEnvSecretSource(env: Readonly<Record<string, string | undefined>>): SecretSource {
  return {
    get: async (name) => {
      checkName(name);
      const value = env[`${SECRET_ENV_PREFIX}${name}`];
      return value === undefined ? undefined : Buffer.from(value, 'utf8');
    },
  };
}

/**
 * `--set-secret NAME`: IT types or pipes the secret on stdin (never on the command line, which
 * other users can read in the process list). One trailing newline is dropped, nothing else.
 */
export async function setSecretFromStream(
  store: SecretStore,
  name: string,
  input: AsyncIterable<Buffer | string>,
): Promise<void> {
  checkName(name);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += buffer.length;
    if (size > 4096) throw new AppError('CONFIG_FIELD_INVALID', { details: { field: 'secret', reason: 'too_long' } });
    chunks.push(buffer);
  }
  let secret = Buffer.concat(chunks);
  if (secret.at(-1) === 0x0a) secret = secret.subarray(0, secret.at(-2) === 0x0d ? -2 : -1);
  if (secret.length === 0)
    throw new AppError('CONFIG_FIELD_INVALID', { details: { field: 'secret', reason: 'empty' } });
  await store.set(name, secret);
}

/** `--set-secret NAME` among the process arguments. */
export function setSecretFlag(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--set-secret');
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith('--set-secret='));
  return inline?.slice('--set-secret='.length);
}
