import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headOf, verifyChain } from '../../../main/audit/chain';
import { nodeJournalFiles, type JournalFiles } from '../../../main/audit/files';
import { createAuditJournal } from '../../../main/audit/journal';
import { GENESIS, lineMac, type AuditFacts } from '../../../main/audit/record';
import { AppError } from '../../../shared/errors';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-audit-');
const KEY = Buffer.alloc(32, 7);
const chainKey = async (): Promise<Uint8Array> => KEY;
const lineHash = (line: string): string => lineMac(KEY, line);

const facts = (n: number, overrides: Partial<AuditFacts> = {}): AuditFacts => ({
  at: new Date(Date.UTC(2026, 10, 22, 9, n)).toISOString(),
  td: 'TD0.2',
  mode: 'normal',
  ps: '899900038839',
  patient: 'a'.repeat(64),
  kid: 'c'.repeat(16),
  outcome: 'ok',
  doc: null,
  ...overrides,
});

async function journalWith(count: number): Promise<{ file: string; text: () => Promise<string> }> {
  const file = join(await tempDir(), 'journal.jsonl');
  const journal = createAuditJournal({ file, chainKey });
  for (let n = 0; n < count; n++) await journal.append(facts(n));
  return { file, text: () => readFile(file, 'utf8') };
}

describe('audit journal: hash chain', () => {
  it('links every line to the HMAC (chain key) of the one before, from a fixed genesis', async () => {
    const { text } = await journalWith(3);
    const lines = (await text()).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const prevs = lines.map((line) => (JSON.parse(line) as { prev: string }).prev);
    expect(prevs).toEqual([GENESIS, lineHash(lines[0]!), lineHash(lines[1]!)]);
    expect(verifyChain(await text(), KEY).chain).toBe('intact');
  });

  it('keeps the chain across restarts: a new journal object continues from the last line', async () => {
    const { file } = await journalWith(2);
    await createAuditJournal({ file, chainKey }).append(facts(5, { td: 'TD3.2', doc: '1.2.3.4' }));
    const snapshot = await createAuditJournal({ file, chainKey }).read();
    expect(snapshot.chain).toBe('intact');
    expect(snapshot.records.map((r) => [r.line, r.record.td])).toEqual([
      [1, 'TD0.2'],
      [2, 'TD0.2'],
      [3, 'TD3.2'],
    ]);
  });

  it('serializes concurrent appends into one chain', async () => {
    const file = join(await tempDir(), 'journal.jsonl');
    const journal = createAuditJournal({ file, chainKey });
    await Promise.all(Array.from({ length: 20 }, (_, n) => journal.append(facts(n))));
    const snapshot = await journal.read();
    expect(snapshot.records).toHaveLength(20);
    expect(snapshot.chain).toBe('intact');
  });

  it('reports the line after an edited one', async () => {
    const { file, text } = await journalWith(4);
    const lines = (await text()).trimEnd().split('\n');
    // An edit that would matter to an auditor: line 2 now says the access was a centre 15 call.
    lines[1] = lines[1]!.replace('"mode":"normal"', '"mode":"centre_15"');
    await writeFile(file, `${lines.join('\n')}\n`);
    const snapshot = await createAuditJournal({ file, chainKey }).read();
    expect(snapshot.records[1]?.record.mode).toBe('centre_15');
    expect(snapshot.chain).toEqual({ brokenAt: 3, reason: 'chain' });
  });

  it('reports a deleted line and a line that is not a record', async () => {
    const { file, text } = await journalWith(4);
    const lines = (await text()).trimEnd().split('\n');
    await writeFile(file, `${[lines[0], lines[2], lines[3]].join('\n')}\n`);
    expect((await createAuditJournal({ file, chainKey }).read()).chain).toEqual({ brokenAt: 2, reason: 'chain' });

    await writeFile(file, `${[lines[0], '{"v":2,"note":"hello"}', lines[2], lines[3]].join('\n')}\n`);
    expect((await createAuditJournal({ file, chainKey }).read()).chain).toEqual({ brokenAt: 2, reason: 'malformed' });
  });
});

describe('audit journal: crashes and full disks', () => {
  it('reports a torn last line, keeps it, and appends after it on a line of its own', async () => {
    const { file, text } = await journalWith(2);
    const whole = await text();
    // A crash in the middle of a write: half a line, no newline.
    await writeFile(file, `${whole}{"v":1,"at":"2026-11-22T10:00:00.000Z","td":"TD3`);

    const reopened = createAuditJournal({ file, chainKey });
    const before = await reopened.read();
    expect(before.chain).toEqual({ brokenAt: 3, reason: 'torn' });
    expect(before.records).toHaveLength(2);

    await reopened.append(facts(9, { td: 'TD1.6' }));
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(`${whole}{"v":1,"at":"2026-11-22T10:00:00.000Z","td":"TD3\n`)).toBe(true);
    const snapshot = await reopened.read();
    // The fragment is still there and still reported; the new line is readable after it.
    expect(snapshot.chain).toEqual({ brokenAt: 3, reason: 'malformed' });
    expect(snapshot.records.map((r) => [r.line, r.record.td])).toEqual([
      [1, 'TD0.2'],
      [2, 'TD0.2'],
      [4, 'TD1.6'],
    ]);
    // The new line chains over the fragment's bytes, so nothing after it can be slipped in silently.
    const lines = after.trimEnd().split('\n');
    expect((JSON.parse(lines[3]!) as { prev: string }).prev).toBe(lineHash(lines[2]!));
  });

  it('on a full disk answers AUDIT_WRITE_FAILED, leaves no partial bytes, and writes the entry later', async () => {
    const file = join(await tempDir(), 'journal.jsonl');
    let full = false;
    // The real file operations, except that while the disk is "full" a write lands half its bytes and fails.
    const files: JournalFiles = {
      ...nodeJournalFiles,
      append: async (path, data, newFile) => {
        if (!full) return nodeJournalFiles.append(path, data, newFile);
        await nodeJournalFiles.append(path, data.subarray(0, Math.floor(data.length / 2)), newFile);
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    };
    const journal = createAuditJournal({ file, files, chainKey });
    await journal.append(facts(0));
    const goodSize = (await stat(file)).size;

    full = true;
    const failure = await journal.append(facts(1, { td: 'TD3.2' })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'AUDIT_WRITE_FAILED', details: { errno: 'ENOSPC', unsaved: 1 } });
    expect((await stat(file)).size).toBe(goodSize);
    expect((await journal.read()).unsaved).toBe(1);

    full = false;
    await journal.append(facts(2, { td: 'TD1.6' }));
    const snapshot = await journal.read();
    expect(snapshot.unsaved).toBe(0);
    expect(snapshot.chain).toBe('intact');
    expect(snapshot.records.map((r) => r.record.td)).toEqual(['TD0.2', 'TD3.2', 'TD1.6']);
  });

  it('creates the journal with mode 0600', async () => {
    const { file } = await journalWith(1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to write a record the reader would reject', async () => {
    const file = join(await tempDir(), 'journal.jsonl');
    const journal = createAuditJournal({ file, chainKey });
    await expect(journal.append(facts(0, { td: 'DROP TABLE' }))).rejects.toThrow();
    await journal.append(facts(1));
    expect((await journal.read()).chain).toBe('intact');
  });
});

describe('audit journal: head of the chain', () => {
  it('is the MAC of the last line, complete or torn, as the full walk finds it', () => {
    const lines = ['{"a":1}', '{"b":2}', '{"c":3}'];
    expect(headOf('', KEY)).toBe(GENESIS);
    expect(headOf(`${lines.join('\n')}\n`, KEY)).toBe(lineHash(lines[2]!));
    expect(headOf(`${lines.join('\n')}\n`, KEY)).toBe(verifyChain(`${lines.join('\n')}\n`, KEY).head);
    expect(headOf(`${lines[0]}\n${lines[1]}\n{"c"`, KEY)).toBe(lineHash('{"c"'));
    expect(headOf(`${lines[0]}\n`, KEY)).toBe(lineHash(lines[0]!));
  });
});
