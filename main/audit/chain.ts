import type { ChainState } from '../../shared/api/history';
import { GENESIS, lineHash, parseRecord, type AuditRecord } from './record';

export interface ReadLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly record: AuditRecord;
}

export interface ChainReport {
  readonly records: readonly ReadLine[];
  readonly chain: ChainState;
  /** Hash the next line must carry as `prev`. */
  readonly head: string;
}

/**
 * Walks the journal's bytes: every complete line must parse and name the hash of the line before
 * it. A last line without its newline is a write a crash cut short; it is reported as `torn`, kept
 * in the file, and never counted as an entry. Lines after a break are still read (the entries are
 * the best evidence left), but the state names the first break.
 */
export function verifyChain(text: string): ChainReport {
  const records: ReadLine[] = [];
  let chain: ChainState = 'intact';
  const breakAt = (line: number, reason: 'torn' | 'malformed' | 'chain'): void => {
    if (chain === 'intact') chain = { brokenAt: line, reason };
  };
  if (text === '') return { records, chain, head: GENESIS };

  const complete = text.endsWith('\n');
  const lines = (complete ? text.slice(0, -1) : text).split('\n');
  let expected = GENESIS;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const isTorn = !complete && index === lines.length - 1;
    const record = isTorn ? undefined : parseRecord(raw);
    if (record === undefined) breakAt(line, isTorn ? 'torn' : 'malformed');
    else {
      if (record.prev !== expected) breakAt(line, 'chain');
      records.push({ line, record });
    }
    expected = lineHash(raw);
  });
  return { records, chain, head: expected };
}
