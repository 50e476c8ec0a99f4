import { GENESIS, lineHash, lineMac } from './record';
import { linked, linkOf } from './chain';

/** What the store remembers of the journal after each append. */
export interface AuditAnchor {
  /** MAC of the last line (GENESIS when the journal was empty). */
  readonly head: string;
  readonly lines: number;
}

/**
 * One thing found wrong with the journal. Each kind of tampering has its own finding, so the
 * History screen and `npm run audit:verify` can say what happened, not only that something did.
 */
export type AuditFinding =
  /** The chain breaks at `line`: that line, or the one before it, was changed (or a line between was removed). */
  | { readonly kind: 'edited'; readonly line: number }
  /** `line` links to a line other than the one before it: lines were moved. */
  | { readonly kind: 'reordered'; readonly line: number }
  /** Lines past the anchored end that this desk did not write (their links are not ours). */
  | { readonly kind: 'appended'; readonly line: number; readonly lines: number }
  /** The file has fewer lines than the store anchored. */
  | { readonly kind: 'truncated'; readonly missing: number }
  /** The file is empty or gone, yet the store anchored lines. */
  | { readonly kind: 'emptied'; readonly missing: number }
  /** The chain key is gone from the store: no line can be checked any more. */
  | { readonly kind: 'key_deleted' }
  /** The file has lines but the store holds no anchor for them (store reset or anchor removed). */
  | { readonly kind: 'anchor_missing'; readonly lines: number }
  /** The last line was cut short by a crash while being written. */
  | { readonly kind: 'torn'; readonly line: number };

export interface AuditVerification {
  /** True when nothing was found (lines written after the last anchor by this desk are not a finding). */
  readonly intact: boolean;
  readonly lines: number;
  readonly anchoredLines: number;
  /** Lines this desk wrote and chained after the last anchor (a crash between the two writes): not tampering. */
  readonly unanchored: number;
  readonly findings: readonly AuditFinding[];
}

/**
 * Checks the journal's text against its chain key and the anchor kept in the store. Pure: the
 * caller reads the file and the store (see trail.ts `verify`, and scripts/audit-verify.ts).
 */
export function verifyJournal(input: {
  readonly text: string;
  readonly key: Uint8Array | undefined;
  readonly anchor: AuditAnchor | undefined;
}): AuditVerification {
  const { text, key, anchor } = input;
  const findings: AuditFinding[] = [];
  const complete = text === '' || text.endsWith('\n');
  const raw = text === '' ? [] : (complete ? text.slice(0, -1) : text).split('\n');
  const lines = complete ? raw : raw.slice(0, -1);
  const anchoredLines = anchor?.lines ?? 0;
  const result = (unanchored = 0): AuditVerification => ({
    intact: findings.length === 0,
    lines: lines.length,
    anchoredLines,
    unanchored,
    findings,
  });

  if (!complete) findings.push({ kind: 'torn', line: raw.length });
  if (key === undefined) {
    if (anchor !== undefined || lines.length > 0) findings.push({ kind: 'key_deleted' });
    return result();
  }
  if (anchor === undefined) {
    if (lines.length > 0) findings.push({ kind: 'anchor_missing', lines: lines.length });
  } else if (lines.length === 0 && anchor.lines > 0) {
    findings.push({ kind: 'emptied', missing: anchor.lines });
    return result();
  }

  const macs = lines.map((line) => lineMac(key, line));
  const position = new Map<string, number>();
  macs.forEach((mac, index) => {
    if (!position.has(mac)) position.set(mac, index);
  });
  let legacy: string | undefined = GENESIS;
  let firstForged: number | undefined;
  lines.forEach((line, index) => {
    const link = linkOf(line);
    const keyed = index === 0 ? GENESIS : macs[index - 1]!;
    const beyondAnchor = anchor !== undefined && index >= anchor.lines;
    if (link === undefined || !linked(link, keyed, legacy)) {
      if (beyondAnchor) firstForged ??= index;
      else if (link !== undefined && isOtherLink(link.prev, index, position)) {
        findings.push({ kind: 'reordered', line: index + 1 });
      } else findings.push({ kind: 'edited', line: index + 1 });
    }
    legacy = legacy !== undefined && link?.v === 1 ? lineHash(line) : undefined;
  });
  if (firstForged !== undefined) {
    findings.push({ kind: 'appended', line: firstForged + 1, lines: lines.length - firstForged });
  }
  if (anchor === undefined) return result();

  if (lines.length < anchor.lines) findings.push({ kind: 'truncated', missing: anchor.lines - lines.length });
  else if (!findings.some((finding) => finding.kind === 'edited' || finding.kind === 'reordered')) {
    // The newest anchored line has no successor to break: the anchor's MAC is its check.
    const anchoredHead = anchor.lines === 0 ? GENESIS : macs[anchor.lines - 1];
    if (anchoredHead !== anchor.head) findings.push({ kind: 'edited', line: Math.max(anchor.lines, 1) });
  }
  return result(firstForged === undefined ? Math.max(0, lines.length - anchor.lines) : 0);
}

/** A link to some line of the file other than the one just before (or to the start, past line 1). */
function isOtherLink(prev: string, index: number, position: ReadonlyMap<string, number>): boolean {
  if (prev === GENESIS) return index > 0;
  const target = position.get(prev);
  return target !== undefined && target !== index - 1;
}
