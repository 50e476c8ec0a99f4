import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the cache keeps of one key pair and its certificate: PEM text only, DER is derived again on load. */
export interface StoredCredential {
  readonly keyPem: string;
  readonly certPem: string;
}

/**
 * Optional on-disk cache for the test PKI. RSA key generation dominates test start-up, so a
 * seed directory lets every run (and every parallel vitest worker) reuse the same keys.
 *
 * Writes are exclusive (`link` of a finished temp file fails if the name exists): when two
 * workers race, the loser reads the winner's file, so everybody ends up on one CA.
 */
export class CredentialStore {
  constructor(private readonly dir: string | undefined) {}

  async load(name: string): Promise<StoredCredential | undefined> {
    if (this.dir === undefined) return undefined;
    try {
      return parseStored(await readFile(join(this.dir, `${name}.json`), 'utf8'));
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  /** Keeps `candidate` unless another writer got there first; returns whichever is now on disk. */
  async saveOrAdopt(name: string, candidate: StoredCredential): Promise<StoredCredential> {
    if (this.dir === undefined) return candidate;
    await mkdir(this.dir, { recursive: true });
    const finalPath = join(this.dir, `${name}.json`);
    const tempPath = join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(tempPath, JSON.stringify(candidate), { mode: 0o600 });
    try {
      await link(tempPath, finalPath);
      return candidate;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      return parseStored(await readFile(finalPath, 'utf8')) ?? candidate;
    } finally {
      await unlink(tempPath).catch(() => undefined);
    }
  }
}

function parseStored(text: string): StoredCredential | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const { keyPem, certPem } = value as Record<string, unknown>;
  return typeof keyPem === 'string' && typeof certPem === 'string' ? { keyPem, certPem } : undefined;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
