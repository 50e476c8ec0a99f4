import { AUDIT_MAX_FINDINGS, type AuditFinding, type AuditVerification } from '../../shared/api/history';
import { linked, linkOf } from './chain';
import { GENESIS, lineHash, lineMac } from './record';

export type { AuditFinding, AuditVerification };

/** What the store remembers of the journal after each append. */
export interface AuditAnchor {
  /** MAC of the last line (GENESIS when the journal was empty). */
  readonly head: string;
  readonly lines: number;
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
    findings: findings.slice(0, AUDIT_MAX_FINDINGS),
    omittedFindings: Math.max(0, findings.length - AUDIT_MAX_FINDINGS),
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
