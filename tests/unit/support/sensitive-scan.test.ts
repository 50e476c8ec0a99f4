import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';
import { EXAMPLE_PATIENT } from '../../support/example-patient';
import { fixtureIdentities } from '../../support/fixture-identities';
import { findSensitive, scanFolder } from '../../support/sensitive-scan';
import { useTempDir } from '../../support/temp-dir';

const identities = fixtureIdentities();
const tempDir = useTempDir('dmp-desk-scan-');

describe('sensitive scan (used on the e2e logs and the diagnostics bundle)', () => {
  it('knows the fixtures: the example patient, the simulators’ people and the demo PIN', () => {
    expect(identities.identifiers).toContain(EXAMPLE_PATIENT.matricule);
    expect(identities.names).toEqual(expect.arrayContaining(['PATB-QUATRE', 'LAURENCE', 'CORSE', 'LIBRE', 'TRAL']));
    expect(identities.pins).toEqual(['1234']);
  });

  it.each([
    ['a name', '{"event":"x","who":"PATB-QUATRE LAURENCE"}', 'name'],
    ['an INS', `{"event":"x","ins":"${EXAMPLE_PATIENT.matricule}"}`, 'identifier'],
    ['a NIR without its key', '{"event":"x","v":"180032B020401"}', 'identifier'],
    ['a birth date', '{"event":"x","born":"1907-05-25"}', 'personal-data'],
    ['a PIN', '{"event":"x","code":"1234"}', 'pin'],
    ['a private key', '-----BEGIN PRIVATE KEY-----', 'key-material'],
    [
      'a PEM body line',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4',
      'key-material',
    ],
  ])('finds %s', (_what, line, kind) => {
    expect(findSensitive(line, identities).map((finding) => finding.kind)).toContain(kind);
  });

  it('leaves what the logger writes alone: codes, durations, redacted fields, timestamps', () => {
    const lines: string[] = [];
    const logger = createLogger({ sink: (line) => lines.push(line), minLevel: 'debug' });
    logger.info('dmp.transaction', { name: 'TD0.2', ms: 1234, outcome: 'ok' });
    logger.info('careless', { matricule: EXAMPLE_PATIENT.matricule, lastName: 'PATB-QUATRE', pin: '1234' });
    expect(findSensitive(lines.join('\n'), identities)).toEqual([]);
  });

  it('scans every file of a folder, rotated logs included, and says where', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'run-1'));
    await writeFile(join(dir, 'run-1', 'dmp-desk.log'), '{"event":"ok"}\n');
    await writeFile(join(dir, 'run-1', 'dmp-desk.log.1'), '{"event":"ok"}\n{"event":"leak","x":"CORSE"}\n');
    const result = await scanFolder(dir, identities);
    expect(result.files).toBe(2);
    expect(result.findings).toEqual([
      { file: join(dir, 'run-1', 'dmp-desk.log.1'), line: 2, kind: 'name', what: 'CORSE' },
    ]);
  });
});
