import type { AddressInfo } from 'node:net';
import { createAdmin, REFUSE_CREATION_SETTING, type DmpAdmin } from './admin';
import type { DmpFaults } from './faults';
import { seedStore } from './seed';
import { seedTrainingDocuments } from './seed-documents';
import { createDmpServer, SERVICES_PATH } from './server';
import { SimulatorStore } from './store/store';

export { AdminError, type DmpAdmin, type DocumentSummary } from './admin';
export { DMP_CODES } from './fault-codes';
export { DMP_SERVICES, type AfterCommitFault, type DmpFaultRule, type DmpFaults, type DmpService } from './faults';
export { decide, RIGHTS_MATRIX, type Actor, type Decision, type PatientState, type RightsTransaction } from './rights';
export { EXAMPLE_DOCTOR, EXAMPLE_STRUCTURE, SEED_DMPS, SEED_PROFESSIONALS } from './seed';
export { SERVICES_PATH } from './server';

export interface NationalDmpSimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  readonly tls: { readonly certPem: string; readonly keyPem: string; readonly caPem: string };
  /** SQLite file of the simulator's state; in memory when absent. */
  readonly dbFile?: string;
  /** Refuse TD1.1 and TD1.2 as production does since 2021 (kept in the state file, changeable through admin). */
  readonly refuseCreation?: boolean;
  readonly faults?: DmpFaults;
  /** Seed the example patient and the INSi test identities (default true). */
  readonly seed?: boolean;
  /** Seed a few PDF documents for the seeded patients, for training (default false). */
  readonly seedDocuments?: boolean;
  /** Clock, for VIHF time checks and recorded dates. */
  readonly now?: () => Date;
  readonly vihfMaxAgeSeconds?: number;
  readonly maxBodyBytes?: number;
  /** Cap of an ITI-41 MTOM upload (documents included). */
  readonly maxMtomBytes?: number;
  readonly onRequest?: (event: { service: string; status: number; faultCode?: string }) => void;
}

export interface NationalDmpSimulator {
  /** Origin, e.g. https://127.0.0.1:4443. */
  readonly url: string;
  /** Base of the services: `${url}/si-dmp-server/v2/services`; a service is `${servicesUrl}/patients`. */
  readonly servicesUrl: string;
  readonly admin: DmpAdmin;
  setFaults(faults: DmpFaults): void;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A deposit holds the CDA (a base64 PDF inside) and its XAdES: room for a PDF of about 15 MB. */
const DEFAULT_MAX_MTOM_BYTES = 24 * 1024 * 1024;
/** A VIHF is built per session; older than this it is refused [I: the DMPi value is not known]. */
const DEFAULT_VIHF_MAX_AGE_SECONDS = 8 * 3600;
const CLOCK_SKEW_SECONDS = 300;

/** The national DMP service, patient level (TD0.2–TD1.6), over HTTPS with mutual TLS on loopback. */
export async function startNationalDmpSimulator(options: NationalDmpSimulatorOptions): Promise<NationalDmpSimulator> {
  const now = options.now ?? (() => new Date());
  const store = new SimulatorStore(options.dbFile ?? ':memory:');
  if (options.seed !== false) seedStore(store, now());
  if (options.seedDocuments === true) seedTrainingDocuments(store, now());
  if (options.refuseCreation !== undefined) store.setSetting(REFUSE_CREATION_SETTING, String(options.refuseCreation));
  const admin = createAdmin(store, now);
  let faults: DmpFaults = options.faults ?? {};
  // Rules set in-process win over those stored by the CLI, route by route.
  const effectiveFaults = (): DmpFaults => ({ ...admin.storedFaults(), ...faults });

  const server = createDmpServer({
    tls: options.tls,
    faults: effectiveFaults,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxMtomBytes: options.maxMtomBytes ?? DEFAULT_MAX_MTOM_BYTES,
    dispatchOptions: () => ({
      store,
      caCertPem: options.tls.caPem,
      now: now(),
      refuseCreation: admin.refuseCreation(),
      vihfMaxAgeSeconds: options.vihfMaxAgeSeconds ?? DEFAULT_VIHF_MAX_AGE_SECONDS,
      clockSkewSeconds: CLOCK_SKEW_SECONDS,
    }),
    ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://${host}:${port}`;
  return {
    url,
    servicesUrl: `${url}${SERVICES_PATH}`,
    admin,
    setFaults(next) {
      faults = next;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held (timeout) and keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
