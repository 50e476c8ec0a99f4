import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_JOURNAL_FILE, createAuditTrail, type AuditTrail } from '../../../main/audit/trail';
import { GENESIS, lineMac } from '../../../main/audit/record';
import { verifyJournal } from '../../../main/audit/verify';
import { AUDIT_MAX_FINDINGS } from '../../../shared/api/history';
import { silentLogger } from '../../../main/log/logger';
import { memoryAuditVault, type MemoryAuditVault } from '../../support/memory-audit-vault';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-audit-verify-');
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const LINES = 6;

let dir: string;
let file: string;
let vault: MemoryAuditVault;
let trail: AuditTrail;

const newTrail = (): AuditTrail => {
  let minute = 0;
  return createAuditTrail({
    dir,
    logger: silentLogger,
    vault,
    now: () => new Date(Date.UTC(2026, 10, 22, 9, minute++)),
  });
};
const lines = async (): Promise<string[]> => (await readFile(file, 'utf8')).trimEnd().split('\n');
const rewrite = (next: readonly string[]): Promise<void> =>
  writeFile(file, next.length === 0 ? '' : `${next.join('\n')}\n`);
const findings = async () => (await newTrail().verify()).findings;

beforeEach(async () => {
  dir = await tempDir();
  file = join(dir, AUDIT_JOURNAL_FILE);
  vault = memoryAuditVault();
  trail = newTrail();
  for (let n = 0; n < LINES; n++) {
    await trail.record({
      transaction: n % 2 === 0 ? 'TD0.2' : 'TD3.2',
      accessMode: 'normal',
      professional: '899900038839',
      request: { patient: PATIENT, uniqueId: `1.2.250.1.999.${n}` },
    });
  }
});

describe('verifyAuditTrail: an untouched journal', () => {
  it('is intact, every line anchored', async () => {
    const report = await trail.verify();
    expect(report).toEqual({
      intact: true,
      lines: LINES,
      anchoredLines: LINES,
      unanchored: 0,
      findings: [],
      omittedFindings: 0,
    });
    expect(vault.state.anchor).toEqual({ head: lineMac(vault.state.chain!, (await lines()).at(-1)!), lines: LINES });
  });

  it('counts lines written after the last anchor (a crash between the two writes) without calling it tampering', async () => {
    vault.state.anchor = { head: lineMac(vault.state.chain!, (await lines())[3]!), lines: 4 };
    expect(await trail.verify()).toMatchObject({ intact: true, unanchored: 2, findings: [] });
  });
});

describe('verifyAuditTrail: each tampering is its own finding', () => {
  it('1. an edited middle line', async () => {
    const text = await lines();
    text[2] = text[2]!.replace('"mode":"normal"', '"mode":"centre_15"');
    await rewrite(text);
    expect(await findings()).toEqual([{ kind: 'edited', line: 4 }]);
  });

  it('2. an edited newest line (no successor to break: the anchor catches it)', async () => {
    const text = await lines();
    text[LINES - 1] = text[LINES - 1]!.replace('"td":"TD3.2"', '"td":"TD1.6"');
    await rewrite(text);
    expect(await findings()).toEqual([{ kind: 'edited', line: LINES }]);
  });

  it('3. an edited first line', async () => {
    const text = await lines();
    text[0] = text[0]!.replace('"ps":"899900038839"', '"ps":"899900000000"');
    await rewrite(text);
    expect(await findings()).toEqual([{ kind: 'edited', line: 2 }]);
  });

  it('4. a line that is no longer a record', async () => {
    const text = await lines();
    text[3] = 'not json at all';
    await rewrite(text);
    expect(await findings()).toEqual([
      { kind: 'edited', line: 4 },
      { kind: 'edited', line: 5 },
    ]);
  });

  it('5. a forged line appended at the end', async () => {
    const text = await lines();
    const forged = text[0]!.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${'ab'.repeat(32)}"`);
    await rewrite([...text, forged]);
    expect(await findings()).toEqual([{ kind: 'appended', line: LINES + 1, lines: 1 }]);
  });

  it('6. a copy of an existing line appended at the end', async () => {
    const text = await lines();
    await rewrite([...text, text[2]!]);
    expect(await findings()).toEqual([{ kind: 'appended', line: LINES + 1, lines: 1 }]);
  });

  it('7. a line appended with an unkeyed SHA-256 link (the old chain), recomputed by the forger', async () => {
    const text = await lines();
    const last = text.at(-1)!;
    const forged = text[0]!
      .replace('"v":2', '"v":1')
      .replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${createHash('sha256').update(last).digest('hex')}"`);
    await rewrite([...text, forged]);
    expect(await findings()).toEqual([{ kind: 'appended', line: LINES + 1, lines: 1 }]);
  });

  it('8. two lines swapped', async () => {
    const text = await lines();
    [text[1], text[2]] = [text[2]!, text[1]!];
    await rewrite(text);
    const found = await findings();
    expect(found.map((finding) => finding.kind)).toContain('reordered');
    expect(found.every((finding) => finding.kind === 'reordered')).toBe(true);
  });

  it('9. the newest line moved first', async () => {
    const text = await lines();
    await rewrite([text.at(-1)!, ...text.slice(0, -1)]);
    const found = await findings();
    expect(found).toContainEqual({ kind: 'reordered', line: 1 });
    expect(found.every((finding) => finding.kind === 'reordered')).toBe(true);
  });

  it('10. the newest line cut off', async () => {
    await rewrite((await lines()).slice(0, -1));
    expect(await findings()).toEqual([{ kind: 'truncated', missing: 1 }]);
  });

  it('11. the newest half of the journal cut off', async () => {
    await rewrite((await lines()).slice(0, 3));
    expect(await findings()).toEqual([{ kind: 'truncated', missing: 3 }]);
  });

  it('12. a line removed from the middle', async () => {
    const text = await lines();
    await rewrite([...text.slice(0, 2), ...text.slice(3)]);
    expect(await findings()).toEqual([
      { kind: 'edited', line: 3 },
      { kind: 'truncated', missing: 1 },
    ]);
  });

  it('13. the file emptied', async () => {
    await rewrite([]);
    expect(await findings()).toEqual([{ kind: 'emptied', missing: LINES }]);
  });

  it('14. the file deleted', async () => {
    await rm(file);
    expect(await findings()).toEqual([{ kind: 'emptied', missing: LINES }]);
  });

  it('15. the chain key deleted from the store', async () => {
    delete vault.state.chain;
    expect(await findings()).toEqual([{ kind: 'key_deleted' }]);
  });

  it('16. the whole file rewritten with a chain recomputed under another key', async () => {
    const other = Buffer.alloc(32, 9);
    const text = await lines();
    let prev = GENESIS;
    const rewritten = text.map((line) => {
      const next = line.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${prev}"`);
      prev = lineMac(other, next);
      return next;
    });
    await rewrite(rewritten);
    const found = await findings();
    expect(found[0]).toEqual({ kind: 'edited', line: 2 });
    expect(found.every((finding) => finding.kind === 'edited')).toBe(true);
  });

  it('17. the anchor removed from the store', async () => {
    delete vault.state.anchor;
    expect(await findings()).toEqual([{ kind: 'anchor_missing', lines: LINES }]);
  });

  it('18. another desk’s journal put in its place', async () => {
    const otherDir = await tempDir();
    const other = createAuditTrail({ dir: otherDir, logger: silentLogger, vault: memoryAuditVault() });
    for (let n = 0; n < LINES; n++) {
      await other.record({
        transaction: 'TD0.2',
        accessMode: 'normal',
        professional: '1',
        request: { patient: PATIENT },
      });
    }
    await writeFile(file, await readFile(join(otherDir, AUDIT_JOURNAL_FILE)));
    const found = await findings();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((finding) => finding.kind === 'edited')).toBe(true);
  });

  it('19. a torn last line from a crash is reported as such, not as tampering of the lines before', async () => {
    await writeFile(file, `${await readFile(file, 'utf8')}{"v":2,"at":"2026`);
    expect(await findings()).toEqual([{ kind: 'torn', line: LINES + 1 }]);
  });
});

describe('verifyJournal: answer size', () => {
  it('lists at most AUDIT_MAX_FINDINGS findings and counts the rest', () => {
    const key = Buffer.alloc(32, 1);
    const text = `${Array.from({ length: AUDIT_MAX_FINDINGS + 20 }, () => 'not a record').join('\n')}\n`;
    const report = verifyJournal({ text, key, anchor: { head: GENESIS, lines: AUDIT_MAX_FINDINGS + 20 } });
    expect(report.findings).toHaveLength(AUDIT_MAX_FINDINGS);
    expect(report.omittedFindings).toBe(20);
    expect(report.intact).toBe(false);
  });
});

describe('verifyJournal: first starts', () => {
  it('finds nothing in an empty journal with no anchor, and no key yet', () => {
    expect(verifyJournal({ text: '', key: undefined, anchor: undefined }).findings).toEqual([]);
  });

  it('adopts the journal of an earlier version (unkeyed links) as found, then chains after it', async () => {
    const legacyDir = await tempDir();
    const legacyFile = join(legacyDir, AUDIT_JOURNAL_FILE);
    let prev = GENESIS;
    const legacy = [0, 1, 2].map((n) => {
      const line = JSON.stringify({
        v: 1,
        at: `2026-11-0${n + 1}T09:00:00.000Z`,
        td: 'TD0.2',
        mode: 'normal',
        ps: '899900038839',
        patient: null,
        kid: 'c'.repeat(16),
        outcome: 'ok',
        doc: null,
        prev,
      });
      prev = createHash('sha256').update(line).digest('hex');
      return line;
    });
    await writeFile(legacyFile, `${legacy.join('\n')}\n`);
    const legacyVault = memoryAuditVault();
    const upgraded = createAuditTrail({ dir: legacyDir, logger: silentLogger, vault: legacyVault });
    await upgraded.record({
      transaction: 'TD0.2',
      accessMode: 'normal',
      professional: '1',
      request: { patient: PATIENT },
    });
    expect(await upgraded.verify()).toMatchObject({ intact: true, lines: 4, anchoredLines: 4 });
    // An old line slipped in after the keyed one is not accepted as "legacy".
    const text = (await readFile(legacyFile, 'utf8')).trimEnd().split('\n');
    await writeFile(legacyFile, `${[...text.slice(0, 3), text[3]!, text[0]!].join('\n')}\n`);
    expect((await upgraded.verify()).findings.map((finding) => finding.kind)).toEqual(['appended']);
  });
});
