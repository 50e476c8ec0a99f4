import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDiagnosticsBundle, sanitizeLogLine } from '../../../main/diagnostics/bundle';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-diag-');
const app = { name: 'DMP Desk', version: '1.0.0', mode: 'production', platform: 'linux', arch: 'x64', runtime: {} };

describe('sanitizeLogLine', () => {
  it('keeps our records with their technical fields', () => {
    const line =
      '{"t":"2026-01-01T00:00:00.000Z","level":"warn","event":"insi.failed","scope":"identity","operation":"search","code":"INSI_UNREACHABLE","ms":120}';
    expect(sanitizeLogLine(line)).toBe(line);
  });

  it('blanks the text of any field it does not know, and what looks like an identifier anywhere', () => {
    expect(JSON.parse(sanitizeLogLine('{"event":"x","who":"PATB-QUATRE","code":"207058575627097","n":3}')!)).toEqual({
      event: 'x',
      who: '[redacted]',
      code: '[redacted]',
      n: 3,
    });
  });

  it('drops what our logger never writes: free text, nested objects, records without an event', () => {
    expect(sanitizeLogLine('Error: PIN 1234 refused')).toBeUndefined();
    expect(sanitizeLogLine('{"event":"x","patient":{"name":"CORSE"}}')).toBeUndefined();
    expect(sanitizeLogLine('{"msg":"hello"}')).toBeUndefined();
    expect(sanitizeLogLine('[1,2]')).toBeUndefined();
  });
});

describe('buildDiagnosticsBundle', () => {
  it('takes the most recent lines across rotated files, oldest first, up to the limit', async () => {
    const dir = await tempDir();
    const logDir = join(dir, 'logs');
    mkdirSync(logDir);
    const record = (n: number): string => JSON.stringify({ event: `e${n}` });
    writeFileSync(join(logDir, 'dmp-desk.log.2'), `${record(1)}\n${record(2)}\n`);
    writeFileSync(join(logDir, 'dmp-desk.log.1'), `${record(3)}\n${record(4)}\n`);
    writeFileSync(join(logDir, 'dmp-desk.log'), `${record(5)}\n`);
    const bundle = buildDiagnosticsBundle({ app, logDir, readersFile: join(dir, 'none.json'), maxLogLines: 4 });
    expect(bundle.logs.lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual([
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
    expect(bundle.configuration).toBeNull();
    expect(bundle.readersSeen).toEqual([]);
  });
});
