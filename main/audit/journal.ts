import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChainState } from '../../shared/api/history';
import { AppError } from '../../shared/errors';
import { headOf, verifyChain, type ReadLine } from './chain';
import { nodeJournalFiles, type JournalFiles } from './files';
import { errnoOf } from './errno';
import { AuditRecordSchema, lineMac, serializeRecord, type AuditFacts } from './record';

export interface JournalSnapshot {
  readonly records: readonly ReadLine[];
  readonly chain: ChainState;
  /** Lines of this session that could not be written yet (they are retried on the next append). */
  readonly unsaved: number;
}

export interface AuditJournal {
  /** Resolves once the line is on disk; rejects with AUDIT_WRITE_FAILED, the line then waits in memory. */
  append(facts: AuditFacts): Promise<void>;
  /** The whole chain is checked; only the lines `wanted` selects (default: all) are returned. */
  read(wanted?: (raw: string) => boolean): Promise<JournalSnapshot>;
}

interface Tail {
  /** Bytes known to be good on disk: a failed append is cut back to this. */
  size: number;
  head: string;
  /** Newline-terminated lines on disk: what the anchor counts. */
  lines: number;
  /** The file ends in a torn line: the next write starts with a newline so the fragment stays a line of its own. */
  torn: boolean;
  exists: boolean;
}

/** The journal's head after a durable append: what the store keeps to catch a cut or rewritten file. */
export interface JournalHead {
  /** MAC of the last line (GENESIS for an empty journal). */
  readonly head: string;
  readonly lines: number;
}

/**
 * An append-only JSON-lines file, each line linked to the one before by an HMAC under the chain
 * key. Appends are serialized (the chain needs one order) and fsynced before they resolve; then
 * `onAppended` is told the new head, which the trail anchors in the encrypted store. Nothing is
 * ever rewritten: a torn last line from a crash is closed with a newline and left in place, where
 * `read()` keeps reporting it.
 */
export function createAuditJournal(options: {
  readonly file: string;
  readonly chainKey: () => Promise<Uint8Array>;
  readonly files?: JournalFiles;
  readonly onAppended?: (head: JournalHead) => Promise<void>;
}): AuditJournal {
  const { file } = options;
  const files = options.files ?? nodeJournalFiles;
  let tail: Tail | undefined;
  let pending: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const readFile = async (): Promise<string> => {
    try {
      return (await files.read(file))?.toString('utf8') ?? '';
    } catch (error) {
      throw new AppError('AUDIT_READ_FAILED', { details: { errno: errnoOf(error) }, cause: error });
    }
  };

  const loadTail = async (key: Uint8Array): Promise<Tail> => {
    if (tail !== undefined) return tail;
    // Appending needs only the last link; checking the whole chain is the reader's job.
    const text = await readFile();
    tail = {
      size: Buffer.byteLength(text, 'utf8'),
      head: headOf(text, key),
      lines: countNewlines(text),
      torn: text !== '' && !text.endsWith('\n'),
      exists: text !== '',
    };
    return tail;
  };

  return {
    append: (facts) =>
      serialized(async () => {
        const key = await options.chainKey();
        const current = await loadTail(key);
        const line = serializeRecord(facts, current.head);
        // A line the reader would call malformed must never be written: that is a bug upstream.
        AuditRecordSchema.parse(JSON.parse(line));
        current.head = lineMac(key, line);
        pending.push(line);
        const data = Buffer.from(`${current.torn ? '\n' : ''}${pending.join('\n')}\n`, 'utf8');
        try {
          if (!current.exists) await mkdir(dirname(file), { recursive: true, mode: 0o700 });
          await files.append(file, data, !current.exists);
        } catch (error) {
          // Leave no partial line behind: the pending lines are written whole on the next try.
          await files.truncate(file, current.size).catch(() => undefined);
          throw new AppError('AUDIT_WRITE_FAILED', {
            details: { errno: errnoOf(error), unsaved: pending.length },
            cause: error,
          });
        }
        current.size += data.length;
        current.lines += countNewlines(data.toString('utf8'));
        current.torn = false;
        current.exists = true;
        pending = [];
        await options.onAppended?.({ head: current.head, lines: current.lines });
      }),
    read: (wanted) =>
      serialized(async () => {
        const report = verifyChain(await readFile(), await options.chainKey(), wanted);
        return { records: report.records, chain: report.chain, unsaved: pending.length };
      }),
  };
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
