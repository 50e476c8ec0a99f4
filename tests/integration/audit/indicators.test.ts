import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deskTimeZone, historyHandlers } from '../../../main/audit/handlers';
import { localDateIn } from '../../../main/audit/indicators';
import { createAuditTrail } from '../../../main/audit/trail';
import { silentLogger } from '../../../main/log/logger';
import type { DmpClient, DmpPatientRef, IndicatorRow } from '../../../shared/api';
import { indicatorsCsv } from '../../../shared/domain/indicators';
import { AppError } from '../../../shared/errors';
import { DEMO_PRACTITIONER } from '../../../simulators/cards/demo';
import { DEFAULT_IDENTITIES } from '../../../simulators/insi';
import { EXAMPLE_DOCTOR } from '../../../simulators/national-dmp';
import { SEED_DMPS } from '../../../simulators/national-dmp/seed';
import { startDeskFixture } from '../../support/desk-fixture';
import { openDeskStore } from '../../support/desk-store';
import { EXAMPLE_DOCTOR_HOLDER } from '../../support/example-doctor';
import { patientIdentities } from '../../support/fixture-identities';
import { findSensitive } from '../../support/sensitive-scan';
import { useDmpSimulator } from '../../support/simulated-dmp';
import { useTempDir } from '../../support/temp-dir';

/**
 * The activity indicators from a real trail (journal on disk, keys and anchor in the encrypted
 * store): the counts per professional and period, and the CSV export, from Settings' IPC method
 * and from `npm run indicators`, searched for every identity of the fixtures' patients.
 */
const tempDir = useTempDir('dmp-desk-indicators-it-');
const simulated = useDmpSimulator({ pkiName: 'indicators' });
const run = promisify(execFile);

interface FixturePatient {
  readonly ref: DmpPatientRef;
  readonly family: string;
  readonly given: string;
  readonly birthDate: string;
}

/** Every patient the fixtures know, with the identity a real request carries next to the INS. */
function fixturePatients(): FixturePatient[] {
  const byMatricule = new Map<string, FixturePatient>();
  for (const person of DEFAULT_IDENTITIES) {
    const matricule = `${person.active.nir13}${person.active.key}`;
    byMatricule.set(matricule, {
      ref: { matricule, oid: person.active.oid },
      family: person.birthName,
      given: person.firstNames.join(' '),
      birthDate: person.birthDate,
    });
  }
  for (const dmp of SEED_DMPS) {
    byMatricule.set(dmp.nir, {
      ref: { matricule: dmp.nir, oid: dmp.insOid },
      family: dmp.family,
      given: dmp.given,
      birthDate: dmp.birthDate,
    });
  }
  return [...byMatricule.values()];
}

/** What the DMP handlers hand the trail: the whole request, identity included, and the result. */
const request = (patient: FixturePatient) => ({
  patientId: `patient-${patient.ref.matricule}`,
  patient: patient.ref,
  traits: { birthFamily: patient.family, givenNames: patient.given, birthDate: patient.birthDate },
  accessMode: 'normal',
});

const journalPseudonyms = async (userDataDir: string): Promise<string[]> => {
  const text = await readFile(join(userDataDir, 'audit', 'dmp-access.jsonl'), 'utf8');
  return [...new Set([...text.matchAll(/"patient":"([0-9a-f]{64})"/g)].map((match) => match[1] ?? ''))];
};

/** The CSV names no patient: no name, NIR, INS, INS-C, birth date or contact of the fixtures, no pseudonym. */
function expectNoPatient(csv: string, patients: readonly FixturePatient[], pseudonyms: readonly string[]): void {
  expect(findSensitive(csv, patientIdentities(), 'indicators.csv')).toEqual([]);
  for (const patient of patients) {
    expect(csv).not.toContain(patient.ref.matricule);
    expect(csv).not.toContain(patient.ref.matricule.slice(0, 13));
    expect(csv.toUpperCase()).not.toContain(patient.family.toUpperCase());
    expect(csv).not.toContain(patient.birthDate);
  }
  for (const pseudonym of pseudonyms) expect(csv).not.toContain(pseudonym);
}

describe('activity indicators from a real audit trail', () => {
  it('counts distinct DMPs per professional and week; the CSV, from the app and the command, names no patient', async () => {
    const userDataDir = await tempDir();
    const { store, vault } = await openDeskStore(userDataDir);
    const patients = fixturePatients();
    expect(patients.length).toBeGreaterThanOrEqual(10);
    let clock = new Date('2026-11-16T12:00:00.000Z');
    const trail = createAuditTrail({ dir: join(userDataDir, 'audit'), logger: silentLogger, vault, now: () => clock });
    const record = (
      transaction: string,
      professional: string,
      patient: FixturePatient,
      extra: { result?: unknown; error?: unknown } = {},
    ) => trail.record({ transaction, accessMode: 'normal', professional, request: request(patient), ...extra });
    try {
      // Week 47, the example doctor: every patient's documents listed, then one read (twice for the first).
      for (const patient of patients) {
        await record('TD3.1', EXAMPLE_DOCTOR, patient);
        await record('TD3.2', EXAMPLE_DOCTOR, patient, {
          result: { uniqueId: `1.2.250.1.999.${patients.indexOf(patient)}` },
        });
      }
      await record('TD3.2', EXAMPLE_DOCTOR, patients[0]!);
      // Three fed (one of them twice), one deposit refused, one DMP created, access checks that count as nothing.
      for (const patient of [patients[0]!, patients[1]!, patients[2]!, patients[0]!]) {
        await record('TD2.1', EXAMPLE_DOCTOR, patient, { result: { uniqueId: '1.2.250.1.999.1.1' } });
      }
      await record('TD2.1', EXAMPLE_DOCTOR, patients[3]!, { error: new AppError('SERVICE_TIMEOUT') });
      await record('TD1.1', EXAMPLE_DOCTOR, patients[4]!);
      await record('TD0.2', EXAMPLE_DOCTOR, patients[5]!);
      // Week 48, another professional on two patients.
      clock = new Date('2026-11-24T12:00:00.000Z');
      for (const patient of [patients[6]!, patients[7]!, patients[6]!])
        await record('TD3.1', DEMO_PRACTITIONER.nationalId, patient);
      await record('TD2.1', DEMO_PRACTITIONER.nationalId, patients[7]!);

      const pseudonyms = await journalPseudonyms(userDataDir);
      // The source does carry a keyed trace of every patient: the export must not.
      expect(pseudonyms).toHaveLength(patients.length);

      const handlers = historyHandlers(trail, () => {
        throw new Error('indicators never resolve a patient');
      });
      const weekly = await handlers.indicators({ from: '2026-11-01', to: '2026-11-30', period: 'week' }, undefined);
      expect(weekly.chain).toBe('intact');
      expect(weekly.timeZone).toBe(deskTimeZone());
      const expected: IndicatorRow[] = [
        { period: '2026-W47', professional: EXAMPLE_DOCTOR, consulted: patients.length, fed: 3, created: 1 },
        { period: '2026-W48', professional: DEMO_PRACTITIONER.nationalId, consulted: 2, fed: 1, created: 0 },
      ];
      expect(weekly.rows).toEqual(expected);
      const monthly = await handlers.indicators({ from: '2026-11-20', to: '2026-12-31', period: 'month' }, undefined);
      expect(monthly.rows).toEqual([{ ...expected[1]!, period: '2026-11' }]);

      const appCsv = indicatorsCsv(weekly.rows);
      expect(appCsv.split('\r\n')).toHaveLength(4);
      expectNoPatient(appCsv, patients, pseudonyms);

      // The command reads the same journal without the store's keys, and writes the same file.
      const out = join(userDataDir, 'indicators.csv');
      await run(
        'npm',
        [
          'run',
          '-s',
          'indicators',
          '--',
          '--user-data-dir',
          userDataDir,
          '--from',
          '2026-11-01',
          '--to',
          '2026-11-30',
          '--period',
          'week',
          '--time-zone',
          deskTimeZone(),
          '--out',
          out,
        ],
        { cwd: process.cwd() },
      );
      const commandCsv = await readFile(out, 'utf8');
      expect(commandCsv).toBe(appCsv);
      expectNoPatient(commandCsv, patients, pseudonyms);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('counts what a desk did on the DMP simulator: consulted, fed and created, for the practitioner in the reader', async () => {
    const fixture = await startDeskFixture({
      credentials: simulated.credentials(),
      dmpUrl: simulated.simulator.url,
      holder: EXAMPLE_DOCTOR_HOLDER,
      userDataDir: await tempDir(),
    });
    const client: DmpClient = fixture.client;
    const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!result.ok) throw new Error(result.error.code);
      return result.value;
    };
    try {
      const consulted = ['207058575627097', '209066322012355', '180032B02040123'];
      for (const matricule of consulted) {
        const patientId = await fixture.patientIdFor(matricule);
        ok(await client.dmp.checkAccess({ patientId, accessMode: 'normal' }));
        ok(await client.documents.search({ patientId, statuses: ['approved'] }));
      }
      const example = await fixture.patientIdFor(consulted[0]!);
      ok(
        await client.documents.deposit({
          patientId: example,
          title: 'Compte rendu',
          type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
          pdfBase64: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1').toString('base64'),
        }),
      );
      // ADRTROIS TOUSSAINT has no DMP yet: the creation flow.
      const newcomer = await fixture.patientIdFor('160012B02077713');
      ok(
        await client.dmp.create({
          patientId: newcomer,
          accessMode: 'normal',
          consent: { given: true, collectedAt: new Date().toISOString(), form: 'oral' },
        }),
      );

      const today = localDateIn(deskTimeZone())(new Date().toISOString()) ?? '';
      const answer = ok(await client.history.indicators({ from: today, to: today, period: 'day' }));
      expect(answer.chain).toBe('intact');
      expect(answer.rows).toEqual([{ period: today, professional: EXAMPLE_DOCTOR, consulted: 3, fed: 1, created: 1 }]);
      const csv = indicatorsCsv(answer.rows);
      expectNoPatient(csv, fixturePatients(), await journalPseudonyms(fixture.dir));
    } finally {
      await fixture.close();
    }
  }, 90_000);
});
