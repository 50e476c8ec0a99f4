import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createSoftwareSigner } from '../../main/crypto/software-signer';
import type { DmpServiceConfig } from '../../main/dmp/service';
import type { Services } from '../../main/services';
import type { DmpClient } from '../../shared/api';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../simulators/national-dmp';
import { createTestPki } from '../../simulators/pki';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from './example-doctor';
import { inProcessClient } from './in-process-client';
import { memoryLogger } from './memory-logger';
import { createTestServices } from './test-services';

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
  readonly dmpConfig: () => DmpServiceConfig;
}

export interface SimulatedDesk extends SimulatedDmp {
  /** The real service graph of a training desk configured with `dmpConfig()`. */
  readonly services: Services;
  /** `window.dmp` wired to that graph's router. */
  readonly client: DmpClient;
  /** What the desk logged. */
  readonly log: ReturnType<typeof memoryLogger>;
}

interface Started {
  readonly simulator: NationalDmpSimulator;
  readonly dmpConfig: () => DmpServiceConfig;
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
  const dmpConfig = (): DmpServiceConfig =>
    exampleDoctorConfig({
      baseUrl: simulator.url,
      caPem: pki.caCertPem,
      auth: cps.auth,
      signer: createSoftwareSigner(cps.sign),
    });
  return { simulator, dmpConfig };
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
  };
}

/**
 * Registers the suite's hooks: the simulator and one training desk on it (its own user-data
 * folder, a memory log) in `beforeAll`; the desk disposed, the simulator closed in `afterAll`.
 */
export function useSimulatedDesk(options: DmpSimulatorOptions): SimulatedDesk {
  const log = memoryLogger();
  let dmp: Started | undefined;
  let desk: { services: Services; client: DmpClient; dir: string } | undefined;
  beforeAll(async () => {
    dmp = await startSimulatedDmp(options);
    const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-'));
    const services = createTestServices(dir, { dmp: dmp.dmpConfig(), logger: log.logger });
    desk = { services, client: inProcessClient(services), dir };
  }, 60_000);
  afterAll(async () => {
    await desk?.services.dispose();
    await dmp?.simulator.close();
    if (desk !== undefined) await rm(desk.dir, { recursive: true, force: true });
  });
  return {
    get simulator() {
      return ready(dmp).simulator;
    },
    dmpConfig: () => ready(dmp).dmpConfig(),
    get services() {
      return ready(desk).services;
    },
    get client() {
      return ready(desk).client;
    },
    log,
  };
}
