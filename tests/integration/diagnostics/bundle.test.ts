/**
 * The diagnostics export of a desk that has just worked: INSi qualification of the example
 * patient, the doctor's CPS with its PIN, against the simulators. The bundle is grepped for every
 * fixture identity, the PIN and key material; it must hold version, configuration, logs and readers.
 */
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticsBundle } from '../../../main/diagnostics/bundle';
import { createRotatingFileSink } from '../../../main/log/file-sink';
import { CPS_READER } from '../../support/desk-fixture';
import { EXAMPLE_PATIENT } from '../../support/example-patient';
import { fixtureIdentities } from '../../support/fixture-identities';
import { findSensitive } from '../../support/sensitive-scan';
import { useSimulatedDesk } from '../../support/simulated-dmp';

const desk = useSimulatedDesk({ pkiName: 'diagnostics-bundle' });

describe('diagnostics export', () => {
  it('bundles version, configuration, recent logs and readers seen, and nothing about patients', async () => {
    const logDir = join(desk.fixture.dir, 'logs');
    // What this desk logged while it worked, as the rotating file IT would find…
    const sink = createRotatingFileSink({ dir: logDir, keep: 3 });
    const logged = [...desk.log.lines];
    for (const line of logged) sink(line);
    // …and what an older, careless version might have left in a rotated file.
    await mkdir(logDir, { recursive: true });
    await writeFile(
      join(logDir, 'dmp-desk.log.1'),
      [
        `{"t":"2026-01-01T00:00:00.000Z","level":"info","event":"old.open","ins":"${EXAMPLE_PATIENT.matricule}","who":"PATB-QUATRE"}`,
        'Error: PIN 1234 refused for LAURENCE PATB-QUATRE',
        '-----BEGIN PRIVATE KEY-----',
        '',
      ].join('\n'),
    );

    const result = await desk.client.app.diagnostics({});
    if (!result.ok) throw new Error(result.error.code);
    const file = result.value.file;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(findSensitive(text, fixtureIdentities(), file)).toEqual([]);

    const bundle = JSON.parse(text) as DiagnosticsBundle;
    expect(bundle.app).toMatchObject({ name: 'DMP Desk', version: '0.0.0-test', mode: 'training' });
    expect(bundle.app.runtime['node']).toBe(process.versions.node);
    expect(bundle.configuration).not.toBeNull();
    expect(bundle.readersSeen).toEqual([expect.objectContaining({ name: CPS_READER, cardKinds: ['cps3'] })]);
    expect(bundle.logs.files).toBe(2);
    // The careless lines: the record kept with its fields blanked, the two free-text lines dropped.
    expect(bundle.logs.dropped).toBe(2);
    expect(bundle.logs.lines[0]).toContain('"event":"old.open"');
    expect(bundle.logs.lines.some((line) => line.includes('"event":"identity.opened"'))).toBe(true);
    expect(bundle.logs.lines.length).toBe(logged.length + 1);
  });
});
