import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createSoftwareSigner } from '../../main/crypto/software-signer';
import type { DmpClientConfig } from '../../main/dmp/client';
import type { Services } from '../../main/services';
import type { DmpClient } from '../../shared/api';
import type { SimPerson } from '../../simulators/insi';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../simulators/national-dmp';
import { createTestPki } from '../../simulators/pki';
import { startDeskFixture, type DeskCredentials, type DeskFixture } from './desk-fixture';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from './example-doctor';
import { memoryLogger } from './memory-logger';

/**
 * The national DMP simulator over mutual TLS, for integration tests in plain Node: a test PKI
 * (cached under the OS temp folder by `pkiName`), the server certificate, and the CPS of
 * Dr MAX LIBRE, the example doctor, whose keys sign as software keys.
 */
export interface DmpSimulatorOptions {
  /** Names the cached PKI folder (`dmp-desk-test-pki-<pkiName>`). */
  readonly pkiName: string;
  /** The simulator's training documents (structured synthesis, reports) are stored. */
  readonly seedDocuments?: boolean;
}

export interface SimulatedDmp {
  readonly simulator: NationalDmpSimulator;
  /** The example doctor's DMP settings against this simulator. */
  readonly dmpConfig: () => DmpClientConfig;
  /** The test PKI's CA, the server pair and Dr LIBRE's CPS pairs: what a desk fixture needs. */
  readonly credentials: () => DeskCredentials;
}

export interface SimulatedDesk extends SimulatedDmp {
  /** The real service graph of a desk on this simulator, Dr LIBRE's CPS in its reader (PIN verified). */
  readonly services: Services;
  /** `window.dmp` wired to that graph's router. */
  readonly client: DmpClient;
  /** The example patient, opened and qualified through INSi in `beforeAll`: what every call names. */
  readonly patientId: string;
  /** The desk itself: its INSi simulator, the CPS reader, more patients to qualify. */
  readonly fixture: DeskFixture;
  /** What the desk logged. */
  readonly log: ReturnType<typeof memoryLogger>;
}

interface Started {
  readonly simulator: NationalDmpSimulator;
  readonly dmpConfig: () => DmpClientConfig;
  readonly credentials: DeskCredentials;
}

async function startSimulatedDmp(options: DmpSimulatorOptions): Promise<Started> {
  const pki = await createTestPki({ seedDir: join(tmpdir(), `dmp-desk-test-pki-${options.pkiName}`) });
  const cps = await pki.issueCps(EXAMPLE_DOCTOR_HOLDER);
  const server = await pki.issueServer(['localhost', '127.0.0.1']);
  const simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
    ...(options.seedDocuments === true ? { seedDocuments: true } : {}),
  });
  const dmpConfig = (): DmpClientConfig =>
    exampleDoctorConfig({
      baseUrl: simulator.url,
      caPem: pki.caCertPem,
      auth: cps.auth,
      signer: createSoftwareSigner(cps.sign),
    });
  return {
    simulator,
    dmpConfig,
    credentials: { caCertPem: pki.caCertPem, server, cps: { auth: cps.auth, sign: cps.sign } },
  };
}

function ready<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the simulated DMP is used before its beforeAll');
  return value;
}

/** Registers the suite's hooks: the simulator started in `beforeAll`, closed in `afterAll`. */
export function useDmpSimulator(options: DmpSimulatorOptions): SimulatedDmp {
  let started: Started | undefined;
  beforeAll(async () => {
    started = await startSimulatedDmp(options);
  }, 60_000);
  afterAll(async () => {
    await started?.simulator.close();
  });
  return {
    get simulator() {
      return ready(started).simulator;
    },
    dmpConfig: () => ready(started).dmpConfig(),
    credentials: () => ready(started).credentials,
  };
}

/**
 * Registers the suite's hooks: the simulator and one training desk on it (its own user-data
 * folder, a memory log) in `beforeAll`; the desk disposed, the simulator closed in `afterAll`.
 */
export function useSimulatedDesk(
  options: DmpSimulatorOptions & { readonly persons?: readonly SimPerson[] },
): SimulatedDesk {
  const log = memoryLogger();
  let dmp: Started | undefined;
  let desk: { fixture: DeskFixture; patientId: string } | undefined;
  beforeAll(async () => {
    dmp = await startSimulatedDmp(options);
    const fixture = await startDeskFixture({
      credentials: dmp.credentials,
      dmpUrl: dmp.simulator.url,
      holder: EXAMPLE_DOCTOR_HOLDER,
      logger: log.logger,
      ...(options.persons === undefined ? {} : { persons: options.persons }),
    });
    desk = { fixture, patientId: await fixture.qualify() };
  }, 60_000);
  afterAll(async () => {
    await desk?.fixture.close();
    await dmp?.simulator.close();
  });
  return {
    get simulator() {
      return ready(dmp).simulator;
    },
    dmpConfig: () => ready(dmp).dmpConfig(),
    credentials: () => ready(dmp).credentials,
    get services() {
      return ready(desk).fixture.services;
    },
    get client() {
      return ready(desk).fixture.client;
    },
    get patientId() {
      return ready(desk).patientId;
    },
    get fixture() {
      return ready(desk).fixture;
    },
    log,
  };
}
