import { cleanup } from '@testing-library/react';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { DmpPanelPatient } from '../../renderer/src/features/dmp/patient';
import type { DmpClient, DocumentSummary } from '../../shared/api';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../simulators/national-dmp';
import { ensureCssEscape } from './css-escape';
import { startDeskFixture, type DeskFixture } from './desk-fixture';
import { EXAMPLE_DOCTOR_HOLDER } from './example-doctor';
import { memoryLogger } from './memory-logger';
import { renderWithDesk } from './render-with-desk';

/**
 * Renderer screens on the real service graph and the national DMP simulator over mutual TLS, in
 * jsdom: only the DOM is simulated. The doctor is Dr MAX LIBRE of the official examples.
 */

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
  /**
   * LAURENCE PATB-QUATRE, qualified through INSi in `beforeAll` and in context at the desk: the
   * example doctor is authorized on her DMP and is her MT (seeded in the simulator).
   */
  readonly patient: DmpPanelPatient;
  /** The desk: its CPS reader (to pull the card), its INSi simulator. */
  readonly fixture: DeskFixture;
  /** Finds a document of the patient by its uniqueId among the approved ones (undefined when none). */
  readonly approved: (patientId: string, uniqueId: string) => Promise<DocumentSummary | undefined>;
}

/**
 * Registers the suite's hooks: the DMP simulator (seeded documents when asked) and a training
 * desk's services in `beforeAll`, the DOM cleaned after each test, all stopped in `afterAll`.
 */
export function useScreenHarness(options: { readonly seedDocuments?: boolean } = {}): ScreenHarness {
  ensureCssEscape();
  let simulator: NationalDmpSimulator | undefined;
  let desk: { fixture: DeskFixture; patient: DmpPanelPatient } | undefined;
  const ready = (): { fixture: DeskFixture; patient: DmpPanelPatient } => {
    if (desk === undefined) throw new Error('the screen harness is used before its beforeAll');
    return desk;
  };
  const client = (): DmpClient => ready().fixture.client;

  beforeAll(async () => {
    const material = await printedPki();
    const started = await startNationalDmpSimulator({
      host: '127.0.0.1',
      tls: { certPem: material.server.certPem, keyPem: material.server.keyPem, caPem: material.caCertPem },
      ...(options.seedDocuments === true ? { seedDocuments: true } : {}),
    });
    simulator = started;
    const fixture = await startDeskFixture({
      credentials: material,
      dmpUrl: started.url,
      holder: EXAMPLE_DOCTOR_HOLDER,
      logger: memoryLogger().logger,
    });
    await fixture.qualify();
    const patient = fixture.services.patients.current();
    if (patient === null) throw new Error('the screen harness has no patient in context');
    desk = { fixture, patient };
  }, 60_000);

  afterEach(cleanup);
  afterAll(async () => {
    await desk?.fixture.close();
    await simulator?.close();
  });

  return {
    get client() {
      return client();
    },
    get simulator() {
      if (simulator === undefined) throw new Error('the screen harness is used before its beforeAll');
      return simulator;
    },
    get patient() {
      return ready().patient;
    },
    get fixture() {
      return ready().fixture;
    },
    mount: (node) => renderWithDesk(client(), node),
    approved: async (patientId, uniqueId) => {
      const found = await client().documents.search({ patientId });
      if (!found.ok) throw new Error(found.error.code);
      return found.value.documents.find((d) => d.uniqueId === uniqueId);
    },
  };
}
