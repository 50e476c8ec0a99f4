import { join } from 'node:path';
import { isAppError } from '../../shared/errors';
import { silentLogger } from '../log/logger';
import { openStore } from '../store/client';
import { createKeyProvider, type KeyProtection } from '../store/keys/key-provider';
import { AUDIT_JOURNAL_FILE, createAuditTrail } from './trail';
import { createStoreAuditVault } from './vault';
import type { AuditFinding, AuditVerification } from './verify';

/** Exit codes of `npm run audit:verify`, for IT scripts: 0 intact, 1 findings, 2 could not check. */
export const VERIFY_EXIT = { intact: 0, findings: 1, unchecked: 2 } as const;

export interface VerifyOutcome {
  readonly exitCode: number;
  readonly lines: readonly string[];
}

/**
 * Checks a desk's audit journal (`<userDataDir>/audit`) against the chain key and the anchor in
 * its encrypted store (`<userDataDir>/store`). Opens the store read-and-write (the worker runs
 * its migrations) but writes nothing to it nor to the journal: the trail only reads here.
 */
export async function verifyDeskAuditTrail(options: {
  readonly userDataDir: string;
  readonly keys: KeyProtection;
}): Promise<VerifyOutcome> {
  let store;
  try {
    store = await openStore({ dir: join(options.userDataDir, 'store'), keys: createKeyProvider(options.keys) });
  } catch (error) {
    return { exitCode: VERIFY_EXIT.unchecked, lines: [`store: ${isAppError(error) ? error.code : 'INTERNAL_ERROR'}`] };
  }
  try {
    const trail = createAuditTrail({
      dir: join(options.userDataDir, 'audit'),
      logger: silentLogger,
      vault: createStoreAuditVault(store),
    });
    const report = await trail.verify();
    return { exitCode: report.intact ? VERIFY_EXIT.intact : VERIFY_EXIT.findings, lines: describeVerification(report) };
  } catch (error) {
    return { exitCode: VERIFY_EXIT.unchecked, lines: [`audit: ${isAppError(error) ? error.code : 'INTERNAL_ERROR'}`] };
  } finally {
    await store.close();
  }
}

/** One line per finding, in words IT can act on; line numbers only, never a line's content. */
export function describeVerification(report: AuditVerification): string[] {
  const summary = `${AUDIT_JOURNAL_FILE}: ${report.lines} lines, ${report.anchoredLines} anchored in the store`;
  const notes =
    report.unanchored > 0
      ? [`${report.unanchored} line(s) written after the last anchor (a crash between two writes)`]
      : [];
  if (report.intact) return [`${summary}: intact`, ...notes];
  return [`${summary}: ${report.findings.length} finding(s)`, ...report.findings.map(describeFinding), ...notes];
}

export function describeFinding(finding: AuditFinding): string {
  switch (finding.kind) {
    case 'edited':
      return `edited: the chain breaks at line ${finding.line} (that line or the one before was changed, or a line removed)`;
    case 'reordered':
      return `reordered: line ${finding.line} links to another line than the one before it`;
    case 'appended':
      return `appended: ${finding.lines} line(s) from line ${finding.line} were not written by this desk`;
    case 'truncated':
      return `truncated: ${finding.missing} anchored line(s) missing`;
    case 'emptied':
      return `emptied: the journal is empty or gone, ${finding.missing} anchored line(s) missing`;
    case 'key_deleted':
      return 'key deleted: the chain key is gone from the store, no line can be checked';
    case 'anchor_missing':
      return `anchor missing: ${finding.lines} line(s) but no anchor in the store`;
    case 'torn':
      return `torn: line ${finding.line} was cut short by a crash while being written`;
  }
}
