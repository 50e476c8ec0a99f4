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
 *
 * Only the lines `wanted` selects are fully validated and returned: the others need just their
 * link, since any edit to them already breaks the next line's. This keeps a history read linear
 * in hashing rather than in schema checks (see tests/bench/suites/audit.ts).
 */
export function verifyChain(text: string, wanted: (raw: string) => boolean = () => true): ChainReport {
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
    if (!complete && index === lines.length - 1) breakAt(line, 'torn');
    else if (wanted(raw)) {
      const record = parseRecord(raw);
      if (record === undefined) breakAt(line, 'malformed');
      else {
        if (record.prev !== expected) breakAt(line, 'chain');
        records.push({ line, record });
      }
    } else {
      const prev = prevOf(raw);
      if (prev === undefined) breakAt(line, 'malformed');
      else if (prev !== expected) breakAt(line, 'chain');
    }
    expected = lineHash(raw);
  });
  return { records, chain, head: expected };
}

/** The hash the next line must carry: that of the last line, torn or not, without walking the chain. */
export function headOf(text: string): string {
  if (text === '') return GENESIS;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return lineHash(body.slice(body.lastIndexOf('\n') + 1));
}

function prevOf(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || !('prev' in value)) return undefined;
    return typeof value.prev === 'string' && /^[0-9a-f]{64}$/.test(value.prev) ? value.prev : undefined;
  } catch {
    return undefined;
  }
}
