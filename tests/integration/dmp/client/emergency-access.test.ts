import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpEmergencySession } from '../../../../shared/api';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import { createDmpClient, withEmergencyReason, type DmpClientConfig } from '../../../../main/dmp/client';
import { buildFindDocuments } from '../../../../main/dmp/xds/iti18';
import type { DmpAccessStatus, DmpClient as DeskClient, DmpPatientRef } from '../../../../shared/api';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { startDeskFixture, type DeskCredentials, type DeskFixture } from '../../../support/desk-fixture';
import { memoryLogger } from '../../../support/memory-logger';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from '../../../support/example-doctor';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../../simulators/pki';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../../../simulators/national-dmp';

/** Emergency access (bris de glace, centre 15) from the dmp handlers to the national DMP simulator and back. */
const NIR = '1.2.250.1.213.1.4.8';
const EXAMPLE = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const OPPOSED = { matricule: '180032B02040123', oid: NIR } as const;
// Words a log reader must never see: the reason may describe the patient's condition.
const REASON = 'Patient inconscient aux urgences, allergie recherchée';

let pki: TestPki;
let cps: { auth: IssuedCredential; sign: IssuedCredential };
let simulator: NationalDmpSimulator;
let config: DmpClientConfig;
let credentials: DeskCredentials;
const desks: DeskFixture[] = [];

beforeAll(async () => {
  pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-client') });
  cps = await pki.issueCps(EXAMPLE_DOCTOR_HOLDER);
  const server = await pki.issueServer(['localhost']);
  simulator = await startNationalDmpSimulator({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
  });
  credentials = { caCertPem: pki.caCertPem, server, cps };
  config = exampleDoctorConfig({
    baseUrl: simulator.url,
    caPem: pki.caCertPem,
    auth: cps.auth,
    signer: createSoftwareSigner(cps.sign),
  });
});

afterAll(async () => {
  for (const desk of desks) await desk.close();
  await simulator.close();
});

/** The answer, or the typed error thrown as it came through the router. */
async function answer<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw Object.assign(new Error(result.error.code), result.error satisfies AppErrorShape);
  return result.value;
}

/**
 * A fresh desk (its own emergency sessions) on the simulator, Dr LIBRE's CPS in the reader, its
 * dmp.* calls through the real router; patients are named by the id of an identity qualified through INSi.
 */
interface EmergencyDesk {
  readonly dmp: {
    checkAccess(request: Parameters<DeskClient['dmp']['checkAccess']>[0]): Promise<DmpAccessStatus>;
    getAdministrativeData(request: Parameters<DeskClient['dmp']['getAdministrativeData']>[0]): Promise<unknown>;
    emergencySessions(): Promise<{ sessions: DmpEmergencySession[] }>;
    endEmergencySession(request: { id: string }): Promise<{ sessions: DmpEmergencySession[] }>;
  };
  readonly logText: () => string;
  readonly seen: DmpEmergencySession[][];
  readonly id: (patient: DmpPatientRef) => Promise<string>;
}

async function handlers(): Promise<EmergencyDesk> {
  const log = memoryLogger();
  const desk = await startDeskFixture({
    credentials,
    dmpUrl: simulator.url,
    holder: EXAMPLE_DOCTOR_HOLDER,
    logger: log.logger,
  });
  desks.push(desk);
  const seen: DmpEmergencySession[][] = [];
  desk.services.events.subscribe((name, payload) => {
    if (name === 'dmp.emergencySessionsChanged') seen.push((payload as { sessions: DmpEmergencySession[] }).sessions);
  });
  const { dmp } = desk.client;
  return {
    dmp: {
      checkAccess: (request) => answer(dmp.checkAccess(request)),
      getAdministrativeData: (request) => answer(dmp.getAdministrativeData(request)),
      emergencySessions: () => answer(dmp.emergencySessions({})),
      endEmergencySession: (request) => answer(dmp.endEmergencySession(request)),
    },
    logText: log.text,
    seen,
    id: (patient) => desk.patientIdFor(patient.matricule),
  };
}

const historyOf = (nir: string) => simulator.admin.accessHistory(nir);

describe('emergency access against the national DMP simulator', () => {
  it('TD0.2 in bris de glace with a reason is accepted, recorded with its mode, and opens the emergency session', async () => {
    const { dmp, logText, seen, id } = await handlers();
    const before = historyOf(EXAMPLE.matricule).length;
    const status = await dmp.checkAccess({
      patientId: await id(EXAMPLE),
      accessMode: 'bris_de_glace',
      emergencyReason: REASON,
    });
    expect(status.existence).toBe('exists');
    const recorded = historyOf(EXAMPLE.matricule).slice(before);
    expect(recorded).toEqual([
      expect.objectContaining({ transaction: 'TD0.2', accessMode: 'bris_de_glace', outcome: 'allow' }),
    ]);

    const { sessions } = await dmp.emergencySessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ mode: 'bris_de_glace', patientId: await id(EXAMPLE) });
    expect(Date.parse(sessions[0]?.startedAt ?? '')).not.toBeNaN();
    expect(seen).toEqual([sessions]);
    // A second access in the same mode stays in the same session.
    await dmp.checkAccess({ patientId: await id(EXAMPLE), accessMode: 'bris_de_glace', emergencyReason: REASON });
    expect((await dmp.emergencySessions()).sessions).toEqual(sessions);
    expect(logText()).toContain('dmp.emergency.started');
    expect(logText()).not.toContain('inconscient');
  });

  it('the reason travels in the VIHF and lands in the access history of a document search', async () => {
    const urgent = withEmergencyReason(createDmpClient(config), REASON);
    const before = historyOf(EXAMPLE.matricule).length;
    await urgent.call({
      service: 'registry',
      action: 'urn:ihe:iti:2007:RegistryStoredQuery',
      body: buildFindDocuments({
        patient: {
          ins: { root: EXAMPLE.oid, extension: EXAMPLE.matricule },
          birthFamily: 'DUPONT',
          givenNames: 'JEANNE',
          sex: 'F',
          birthDate: '19800229',
          birthPlaceCode: '75056',
        },
      }),
      patient: EXAMPLE,
      accessMode: 'centre_15',
    });
    const recorded = historyOf(EXAMPLE.matricule).slice(before);
    expect(recorded[0]).toMatchObject({
      transaction: 'TD3.1',
      accessMode: 'regulation',
      outcome: 'allow',
      reason: REASON,
    });
  });

  it('refuses an emergency call without a reason before anything reaches the DMP', async () => {
    const { dmp, seen, id } = await handlers();
    const before = simulator.admin.accessHistory().length;
    for (const emergencyReason of [undefined, '', '   ']) {
      const error = await dmp
        .checkAccess({
          patientId: await id(EXAMPLE),
          accessMode: 'centre_15',
          ...(emergencyReason === undefined ? {} : { emergencyReason }),
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'DMP_EMERGENCY_REASON_REQUIRED', details: { accessMode: 'centre_15' } });
    }
    expect(simulator.admin.accessHistory()).toHaveLength(before);
    expect(seen).toEqual([]);
  });

  it.each(['bris_de_glace', 'centre_15'] as const)(
    '%s on a patient who opposed it is DMP_PATIENT_OPPOSED and no session starts',
    async (accessMode) => {
      const { dmp, seen, logText, id } = await handlers();
      const refusal = { code: 'DMP_PATIENT_OPPOSED' };
      await expect(
        dmp.checkAccess({ patientId: await id(OPPOSED), accessMode, emergencyReason: REASON }),
      ).rejects.toMatchObject(refusal);
      // The DMP itself refuses the read that would follow.
      await expect(
        dmp.getAdministrativeData({ patientId: await id(OPPOSED), accessMode, emergencyReason: REASON }),
      ).rejects.toMatchObject(refusal);
      expect(historyOf(OPPOSED.matricule).at(-1)).toMatchObject({
        transaction: 'TD1.3a',
        outcome: 'DMPAccessDeniedByPatient',
      });
      expect((await dmp.emergencySessions()).sessions).toEqual([]);
      expect(seen).toEqual([]);
      expect(logText()).not.toContain('inconscient');
    },
  );

  it('a session ends only when asked, and an unknown one is a typed error', async () => {
    const { dmp, seen, id } = await handlers();
    await dmp.checkAccess({ patientId: await id(EXAMPLE), accessMode: 'centre_15', emergencyReason: REASON });
    const [session] = (await dmp.emergencySessions()).sessions;
    if (session === undefined) throw new Error('no session');
    await expect(dmp.endEmergencySession({ id: session.id })).resolves.toEqual({ sessions: [] });
    expect(seen.at(-1)).toEqual([]);
    await expect(dmp.endEmergencySession({ id: session.id })).rejects.toMatchObject({
      code: 'DMP_EMERGENCY_SESSION_UNKNOWN',
    });
  });

  it('normal access opens no session', async () => {
    const { dmp, id } = await handlers();
    await dmp.checkAccess({ patientId: await id(EXAMPLE), accessMode: 'normal', emergencyReason: REASON });
    expect((await dmp.emergencySessions()).sessions).toEqual([]);
  });
});
