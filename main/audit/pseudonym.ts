import { createHmac, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DmpPatientRef } from '../../shared/api/dmp';
import { AppError } from '../../shared/errors';
import { errnoOf } from './errno';

const KEY_BYTES = 32;

/**
 * The journal names a patient by HMAC-SHA256(key, INS), with a random key per installation kept
 * beside it (mode 0600).
 *
 * What this protects against: a copy of the journal alone (sent to support, left in a backup,
 * read by an auditor) does not give the INS, and since the key is secret an INS cannot be
 * confirmed by hashing candidates (a plain hash of a structured NIR could be brute-forced).
 * Two installations give the same patient unrelated pseudonyms, so journals cannot be joined.
 * What it does not protect against: anyone who can read this user's folder gets both files and
 * can test a known INS. When the encrypted store lands, the key moves behind its KeyProvider
 * (OS keystore) and this file goes away.
 */
export async function loadPseudonymKey(file: string): Promise<Buffer> {
  const existing = await readKey(file);
  if (existing !== undefined) return existing;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written whole to a temp file, then linked: link() refuses an existing name, so two racing
  // first starts agree on one key and a crash never leaves a half-written one.
  const temp = join(dirname(file), `.audit-key-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(randomBytes(KEY_BYTES));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, file).catch((error: unknown) => {
      if (errnoOf(error) !== 'EEXIST') throw error;
    });
  } catch (error) {
    throw new AppError('AUDIT_WRITE_FAILED', { details: { errno: errnoOf(error), part: 'key' }, cause: error });
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
  const written = await readKey(file);
  if (written === undefined) throw new AppError('AUDIT_KEY_INVALID');
  return written;
}

async function readKey(file: string): Promise<Buffer | undefined> {
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw new AppError('AUDIT_KEY_INVALID', { details: { errno: errnoOf(error) }, cause: error });
  }
  if (key.length !== KEY_BYTES) throw new AppError('AUDIT_KEY_INVALID', { details: { bytes: key.length } });
  // A key copied in with a loose mode is tightened rather than refused: the journal must keep working.
  await chmod(file, 0o600).catch(() => undefined);
  return key;
}

/** A public tag of the key (not the key): tells which lines a key can match, without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('dmp-desk audit key id', 'utf8').digest('hex').slice(0, 16);
}

/** The INS kind (OID) is part of the input: a NIR and a NIA with the same digits are different people. */
export function pseudonymOf(key: Buffer, patient: DmpPatientRef): string {
  return createHmac('sha256', key).update(`${patient.oid}|${patient.matricule}`, 'utf8').digest('hex');
}
