import Sqlite from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { migrate } from './migrations';

export type Db = Sqlite.Database;

/** SQLCipher 4's page size: a file that is not a whole number of pages was cut or padded. */
const PAGE_SIZE = 4096;
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (or creates) the encrypted database. Runs in the store's worker thread only.
 *
 * SQLCipher 4 format (`cipher=sqlcipher`, `legacy=4`), so IT can open a copy with the standard
 * sqlcipher shell given the key (`PRAGMA key = "x'…'"`). An existing file is first checked on a
 * read-only connection, so a wrong key or a damaged file is reported with the file left
 * byte-identical: nothing is written (no WAL switch, no migration) until the key has read every
 * page.
 */
export function openDatabase(file: string, key: Uint8Array): Db {
  if (key.length !== 32) throw new AppError('STORE_WRONG_KEY', { details: { reason: 'key_length' } });
  if (existsSync(file)) checkExisting(file, key);
  let db: Db | undefined;
  try {
    db = connect(file, key, false);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // FULL: a commit has reached the disk when it returns; an accepted write survives a power cut.
    db.pragma('synchronous = FULL');
    migrate(db);
    restrictFiles(file);
    return db;
  } catch (error) {
    db?.close();
    throw storeErrorOf(error);
  }
}

function checkExisting(file: string, key: Uint8Array): void {
  const size = statSync(file).size;
  if (size > 0 && startsWithPlainHeader(file)) {
    throw new AppError('STORE_CORRUPT', { details: { reason: 'not_encrypted' } });
  }
  if (size % PAGE_SIZE !== 0) throw new AppError('STORE_CORRUPT', { details: { reason: 'size' } });
  let db: Db | undefined;
  try {
    db = connect(file, key, true);
    // The first read decrypts page 1: its HMAC fails under any other key.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // Every page, each checked against its HMAC: a flipped byte anywhere is found here.
    const problems = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') {
      throw new AppError('STORE_CORRUPT', { details: { reason: 'quick_check' } });
    }
  } catch (error) {
    throw storeErrorOf(error);
  } finally {
    db?.close();
  }
}

function connect(file: string, key: Uint8Array, readonly: boolean): Db {
  const db = new Sqlite(file, { readonly, fileMustExist: readonly });
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  // A raw key (no KDF): the key is already 32 random bytes, and the hex never leaves this thread.
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  return db;
}

function startsWithPlainHeader(file: string): boolean {
  const header = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.equals(PLAIN_SQLITE_HEADER);
}

/** The database and its WAL companions are readable by this user only. */
function restrictFiles(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

/** SQLite's result codes to ours; the message (it may quote SQL or data) is never kept. */
export function storeErrorOf(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  if (code === 'SQLITE_NOTADB') return new AppError('STORE_WRONG_KEY', { details: { sqlite: code } });
  if (code.startsWith('SQLITE_CORRUPT')) return new AppError('STORE_CORRUPT', { details: { sqlite: code } });
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new AppError('STORE_DISK_FULL', { details: { sqlite: code } });
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    return new AppError('STORE_IO', { details: { sqlite: code } });
  }
  return new AppError('INTERNAL_ERROR', { details: { sqlite: code } });
}
