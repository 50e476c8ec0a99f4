import type { ChainState } from '../../shared/api/history';
import { GENESIS, lineHash, lineMac, parseRecord, type AuditRecord } from './record';

export interface ReadLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly record: AuditRecord;
}

export interface ChainReport {
  readonly records: readonly ReadLine[];
  readonly chain: ChainState;
  /** MAC the next line must carry as `prev`. */
  readonly head: string;
}

/**
 * Walks the journal's bytes: every complete line must parse and carry the MAC (under the chain
 * key) of the line before it. Lines an earlier version wrote (v1, an unkeyed SHA-256 link) are
 * accepted only before the first keyed line. A last line without its newline is a write a crash
 * cut short; it is reported as `torn`, kept in the file, and never counted as an entry. Lines
 * after a break are still read (the entries are the best evidence left), but the state names the
 * first break. What the chain alone cannot see (cut lines, an emptied file) the anchor kept in
 * the store does: see verify.ts.
 *
 * Only the lines `wanted` selects are fully validated and returned: the others need just their
 * link, since any edit to them already breaks the next line's. This keeps a history read linear
 * in hashing rather than in schema checks (see tests/bench/suites/audit.ts).
 */
export function verifyChain(text: string, key: Uint8Array, wanted: (raw: string) => boolean = () => true): ChainReport {
  const records: ReadLine[] = [];
  let chain: ChainState = 'intact';
  const breakAt = (line: number, reason: 'torn' | 'malformed' | 'chain'): void => {
    if (chain === 'intact') chain = { brokenAt: line, reason };
  };
  if (text === '') return { records, chain, head: GENESIS };

  const complete = text.endsWith('\n');
  const lines = (complete ? text.slice(0, -1) : text).split('\n');
  let keyedLink = GENESIS;
  let legacyLink: string | undefined = GENESIS;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!complete && index === lines.length - 1) breakAt(line, 'torn');
    else if (wanted(raw)) {
      const record = parseRecord(raw);
      if (record === undefined) breakAt(line, 'malformed');
      else {
        if (!linked(record, keyedLink, legacyLink)) breakAt(line, 'chain');
        records.push({ line, record });
      }
    } else {
      const link = linkOf(raw);
      if (link === undefined) breakAt(line, 'malformed');
      else if (!linked(link, keyedLink, legacyLink)) breakAt(line, 'chain');
    }
    keyedLink = lineMac(key, raw);
    // Once a keyed line is written, an unkeyed one can no longer be valid after it.
    legacyLink = legacyLink !== undefined && linkOf(raw)?.v === 1 ? lineHash(raw) : undefined;
  });
  return { records, chain, head: keyedLink };
}

/** Whether a line's `prev` is the link its version expects after the line before. */
export function linked(link: { readonly v: number; readonly prev: string }, keyed: string, legacy?: string): boolean {
  return link.v === 2 ? link.prev === keyed : legacy !== undefined && link.prev === legacy;
}

/** The MAC the next line must carry: that of the last line, torn or not, without walking the chain. */
export function headOf(text: string, key: Uint8Array): string {
  if (text === '') return GENESIS;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return lineMac(key, body.slice(body.lastIndexOf('\n') + 1));
}

/** A line's version and link, read without validating the rest of it. */
export function linkOf(raw: string): { readonly v: 1 | 2; readonly prev: string } | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || !('prev' in value) || !('v' in value)) return undefined;
    if (value.v !== 1 && value.v !== 2) return undefined;
    return typeof value.prev === 'string' && /^[0-9a-f]{64}$/.test(value.prev)
      ? { v: value.v, prev: value.prev }
      : undefined;
  } catch {
    return undefined;
  }
}
