import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRotatingFileSink, logFileNames } from '../../../main/log/file-sink';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-log-');
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('rotating log file sink', () => {
  it('creates the folder 0700 and the file 0600, whatever the umask', async () => {
    const dir = join(await tempDir(), 'logs');
    const previous = process.umask(0o000);
    try {
      createRotatingFileSink({ dir })('{"event":"start"}');
    } finally {
      process.umask(previous);
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'dmp-desk.log'))).toBe(0o600);
    expect(readFileSync(join(dir, 'dmp-desk.log'), 'utf8')).toBe('{"event":"start"}\n');
  });

  it('tightens the folder and the file an older desk left readable by others', async () => {
    const dir = join(await tempDir(), 'logs');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'dmp-desk.log'), 'old\n', { mode: 0o644 });
    chmodSync(join(dir, 'dmp-desk.log'), 0o644);
    createRotatingFileSink({ dir })('new');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'dmp-desk.log'))).toBe(0o600);
    expect(readFileSync(join(dir, 'dmp-desk.log'), 'utf8')).toBe('old\nnew\n');
  });

  it('leaves the permissions of a shared folder alone (a --log-dir pointing at /tmp)', async () => {
    const dir = await tempDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'someone-else.txt'), 'x');
    createRotatingFileSink({ dir })('line');
    expect(mode(dir)).toBe(0o755);
    expect(mode(join(dir, 'dmp-desk.log'))).toBe(0o600);
  });

  it('rotates by size and keeps N files in all, the newest first', async () => {
    const dir = await tempDir();
    const sink = createRotatingFileSink({ dir, maxBytes: 100, keep: 3 });
    // 10 lines of 40 bytes: two per file, so 5 files' worth; only 3 are kept.
    for (let i = 0; i < 10; i += 1) sink(`line ${String(i).padStart(2, '0')} `.padEnd(39, '.'));
    expect(readdirSync(dir).sort()).toEqual(['dmp-desk.log', 'dmp-desk.log.1', 'dmp-desk.log.2']);
    const lines = (name: string): string[] =>
      readFileSync(join(dir, name), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 7));
    expect(lines('dmp-desk.log')).toEqual(['line 08', 'line 09']);
    expect(lines('dmp-desk.log.1')).toEqual(['line 06', 'line 07']);
    expect(lines('dmp-desk.log.2')).toEqual(['line 04', 'line 05']);
    for (const name of readdirSync(dir)) {
      expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
      expect(mode(join(dir, name))).toBe(0o600);
    }
  });

  it('picks up the size of the file it appends to after a restart', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'dmp-desk.log'), `${'x'.repeat(90)}\n`);
    createRotatingFileSink({ dir, maxBytes: 100, keep: 2 })('y'.repeat(20));
    expect(readFileSync(join(dir, 'dmp-desk.log'), 'utf8')).toBe(`${'y'.repeat(20)}\n`);
    expect(existsSync(join(dir, 'dmp-desk.log.1'))).toBe(true);
  });

  it('with keep = 1 starts the one file afresh', async () => {
    const dir = await tempDir();
    const sink = createRotatingFileSink({ dir, maxBytes: 10, keep: 1 });
    sink('aaaaaaaa');
    sink('bbbbbbbb');
    expect(readdirSync(dir)).toEqual(['dmp-desk.log']);
    expect(readFileSync(join(dir, 'dmp-desk.log'), 'utf8')).toBe('bbbbbbbb\n');
  });

  it('names the files as it writes them', () => {
    expect(logFileNames(3)).toEqual(['dmp-desk.log', 'dmp-desk.log.1', 'dmp-desk.log.2']);
  });
});
