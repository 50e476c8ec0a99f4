/**
 * Where the desk's log lines go on disk: one folder readable by its user only (0700), files
 * created 0600, rotated by size so a desk left running for months never fills the disk.
 * `dmp-desk.log` is the current file; `dmp-desk.log.1` … `.N-1` the older ones, `.1` newest.
 *
 * Writes are synchronous appends: a line is on disk before the call that logged it goes on, so
 * the last lines before a crash are there for IT; the desk logs a few lines a minute, not more.
 */
import { appendFileSync, chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LogSink } from './logger';

export const LOG_FILE_NAME = 'dmp-desk.log';
export const DEFAULT_MAX_LOG_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEPT_LOG_FILES = 5;

export interface RotatingFileSinkOptions {
  readonly dir: string;
  /** Size past which the current file is rotated. */
  readonly maxBytes?: number;
  /** Files kept in all, the current one included (at least 1). */
  readonly keep?: number;
  readonly fileName?: string;
}

/** The log files of `dir` as the sink names them, newest first (the current file first). */
export function logFileNames(keep = DEFAULT_KEPT_LOG_FILES, fileName = LOG_FILE_NAME): string[] {
  return Array.from({ length: keep }, (_, index) => (index === 0 ? fileName : `${fileName}.${index}`));
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function createRotatingFileSink(options: RotatingFileSinkOptions): LogSink {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
  const keep = Math.max(1, options.keep ?? DEFAULT_KEPT_LOG_FILES);
  const names = logFileNames(keep, options.fileName).map((name) => join(options.dir, name));
  const current = names[0]!;
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  // mkdir's mode only applies to a folder it creates: an existing one (an older desk's) is tightened
  // too, but only when it holds nothing but our logs: `--log-dir /tmp` must not lock others out of /tmp.
  const ours = new Set(names.map((name) => basename(name)));
  if (readdirSync(options.dir).every((entry) => ours.has(entry))) chmodSync(options.dir, 0o700);
  let size = sizeOf(current);
  if (size > 0) chmodSync(current, 0o600);

  const rotate = (): void => {
    rmSync(names[keep - 1]!, { force: true });
    for (let index = keep - 2; index >= 0; index -= 1) {
      try {
        renameSync(names[index]!, names[index + 1]!);
      } catch {
        // A missing older file is ordinary (a young desk).
      }
    }
    size = 0;
  };

  return (line) => {
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    // With keep = 1, rotating simply starts the one file afresh.
    if (size > 0 && size + bytes > maxBytes) rotate();
    // `mode` applies when the append creates the file; the umask cannot widen 0600.
    appendFileSync(current, `${line}\n`, { mode: 0o600 });
    size += bytes;
  };
}
