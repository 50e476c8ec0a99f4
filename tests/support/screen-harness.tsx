import { cleanup } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSoftwareSigner } from '../../main/crypto/software-signer';
import { trainingDmpConfig } from '../../main/dmp/training-config';
import { createServices, type Services } from '../../main/services';
import type { DmpPanelPatient } from '../../renderer/src/features/dmp/patient';
import type { DmpClient, DocumentSummary } from '../../shared/api';
import { EXAMPLE_DOCTOR, startNationalDmpSimulator, type NationalDmpSimulator } from '../../simulators/national-dmp';
import { ensureCssEscape } from './css-escape';
import { inProcessClient } from './in-process-client';
import { memoryLogger } from './memory-logger';
import { renderWithDesk } from './render-with-desk';

/**
 * Renderer screens on the real service graph and the national DMP simulator over mutual TLS, in
 * jsdom: only the DOM is simulated. The doctor is Dr MAX LIBRE of the official examples.
 */

/** Seeded in the simulator: the example doctor is authorized on her DMP and is her MT. */
export const PATB_QUATRE: DmpPanelPatient = {
  ins: { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' },
  name: { family: 'PATB-QUATRE', given: 'LAURENCE' },
  sex: 'F',
  birthDate: '1907-05-25',
};
export const PATB_QUATRE_TRAITS = {
  birthFamily: 'PATB-QUATRE',
  givenNames: 'LAURENCE',
  sex: 'F',
  birthDate: '1907-05-25',
} as const;
export const CONSULTATION = {
  code: '11488-4',
  codeSystem: '2.16.840.1.113883.6.1',
  displayName: 'Compte rendu de consultation',
} as const;

interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}
interface Material {
  readonly caCertPem: string;
  readonly cps: { readonly auth: Pem; readonly sign: Pem };
  readonly server: Pem;
}

/** The test PKI, made in a child process: the jsdom realm breaks WebCrypto key import. */
async function printedPki(): Promise<Material> {
  const script = join(import.meta.dirname, 'print-pki.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 22 });
  return JSON.parse(stdout) as Material;
}

export interface ScreenHarness {
  /** `window.dmp` wired to the real router (started in `beforeAll`). */
  readonly client: DmpClient;
  readonly simulator: NationalDmpSimulator;
  /** Renders `node` under the app's providers, in French. */
  readonly mount: (node: ReactNode) => Promise<void>;
  /** Finds a document of the patient by its uniqueId among the approved ones (undefined when none). */
  readonly approved: (patient: DmpPanelPatient['ins'], uniqueId: string) => Promise<DocumentSummary | undefined>;
}

/**
 * Registers the suite's hooks: the DMP simulator (seeded documents when asked) and a training
 * desk's services in `beforeAll`, the DOM cleaned after each test, all stopped in `afterAll`.
 */
export function useScreenHarness(options: { readonly seedDocuments?: boolean } = {}): ScreenHarness {
  ensureCssEscape();
  let simulator: NationalDmpSimulator | undefined;
  let desk: { services: Services; client: DmpClient; dir: string } | undefined;
  const client = (): DmpClient => {
    if (desk === undefined) throw new Error('the screen harness is used before its beforeAll');
    return desk.client;
  };

  beforeAll(async () => {
    const material = await printedPki();
    const started = await startNationalDmpSimulator({
      host: '127.0.0.1',
      tls: { certPem: material.server.certPem, keyPem: material.server.keyPem, caPem: material.caCertPem },
      ...(options.seedDocuments === true ? { seedDocuments: true } : {}),
    });
    simulator = started;
    const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-screen-'));
    const services = createServices({
      userDataDir: dir,
      mode: 'training',
      appName: 'DMP Desk',
      appVersion: '0.1.0',
      platform: 'linux',
      logger: memoryLogger().logger,
      cards: { backend: 'virtual', readers: [] },
      dmp: trainingDmpConfig({
        baseUrl: started.url,
        caPem: material.caCertPem,
        auth: material.cps.auth,
        signer: createSoftwareSigner(material.cps.sign),
        practitioner: { nationalId: EXAMPLE_DOCTOR, firstName: 'MAX', lastName: 'LIBRE' },
      }),
    });
    desk = { services, client: inProcessClient(services), dir };
  }, 60_000);

  afterEach(cleanup);
  afterAll(async () => {
    await desk?.services.dispose();
    await simulator?.close();
    if (desk !== undefined) await rm(desk.dir, { recursive: true, force: true });
  });

  return {
    get client() {
      return client();
    },
    get simulator() {
      if (simulator === undefined) throw new Error('the screen harness is used before its beforeAll');
      return simulator;
    },
    mount: (node) => renderWithDesk(client(), node),
    approved: async (patient, uniqueId) => {
      const found = await client().documents.search({ patient });
      if (!found.ok) throw new Error(found.error.code);
      return found.value.documents.find((d) => d.uniqueId === uniqueId);
    },
  };
}
