import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DmpEndpointConfig } from '../../main/config/runtime';
import type { Logger } from '../../main/log/logger';
import { silentLogger } from '../../main/log/logger';
import { createServices, type Services } from '../../main/services';
import { trainingDmpEndpoint } from '../../main/training/sim-data-config';
import type { DmpClient } from '../../shared/api';
import { VirtualCps3, VirtualReader, type CpsHolderData } from '../../simulators/cards';
import { DEFAULT_IDENTITIES, startInsiSimulator, type InsiSimulator, type SimPerson } from '../../simulators/insi';
import { CPS_PIN, CPS_READER, PATB_QUATRE_PERSON, type DeskCredentials } from './desk-fixture';
import { inProcessClient } from './in-process-client';

/**
 * A desk like `startDeskFixture`'s, in a user-data folder the test chooses (to read the consent
 * journal, or to write an audit trail beforehand): the real service graph, the INSi simulator
 * over mutual TLS, and — when a holder is given — that practitioner's CPS in a virtual reader
 * with the PIN verified. Patients are named by the patientId of an identity qualified through INSi.
 */
export interface DeskInDir {
  readonly services: Services;
  readonly client: DmpClient;
  readonly insi: InsiSimulator;
  /** The CPS reader; undefined when the desk was started without a practitioner. */
  readonly cpsReader: VirtualReader | undefined;
  /** Opens a patient from typed traits and qualifies the identity (INSi + identity document): its patientId. */
  qualify(person?: SimPerson): Promise<string>;
  /** Opens a patient from typed traits and leaves the identity provisional: its patientId. */
  openProvisional(person?: SimPerson): Promise<string>;
  close(): Promise<void>;
}

const der = (pem: string): Uint8Array => new Uint8Array(new X509Certificate(pem).raw);

const traitsOf = (person: SimPerson) => ({
  birthName: person.birthName,
  firstNames: person.firstNames,
  sex: person.sex,
  birthDate: person.birthDate,
  ...(person.birthPlace === undefined ? {} : { birthPlace: person.birthPlace }),
});

/** The desk credentials of `tests/support/print-pki.ts`, made in plain Node: the jsdom realm breaks WebCrypto key import. */
export async function printedDeskCredentials(): Promise<DeskCredentials> {
  const script = join(import.meta.dirname, 'print-pki.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { maxBuffer: 1 << 22 });
  return JSON.parse(stdout) as DeskCredentials;
}

export async function startDeskInDir(options: {
  readonly userDataDir: string;
  readonly credentials: DeskCredentials;
  /** The DMP endpoint's URL; absent -> no DMP configured. */
  readonly dmpUrl?: string;
  /** The practitioner whose CPS is in the reader; absent -> no CPS anywhere. */
  readonly holder?: CpsHolderData;
  readonly logger?: Logger;
  readonly persons?: readonly SimPerson[];
}): Promise<DeskInDir> {
  const { credentials } = options;
  const insi = await startInsiSimulator({
    host: '127.0.0.1',
    tls: { ...credentials.server, caPem: credentials.caCertPem },
    identities: [...DEFAULT_IDENTITIES, PATB_QUATRE_PERSON, ...(options.persons ?? [])],
  });
  const cpsReader = options.holder === undefined ? undefined : new VirtualReader(CPS_READER);
  if (cpsReader !== undefined && options.holder !== undefined) {
    cpsReader.insert(
      new VirtualCps3({
        holder: options.holder,
        auth: { ...credentials.cps.auth, certDer: der(credentials.cps.auth.certPem) },
        sign: { ...credentials.cps.sign, certDer: der(credentials.cps.sign.certPem) },
      }),
    );
  }
  const dmp: DmpEndpointConfig | undefined =
    options.dmpUrl === undefined
      ? undefined
      : trainingDmpEndpoint({ baseUrl: options.dmpUrl, caPem: credentials.caCertPem, auth: credentials.cps.auth });
  const services = createServices({
    userDataDir: options.userDataDir,
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.0.0-test',
    platform: 'linux',
    logger: options.logger ?? silentLogger,
    cards: { backend: 'virtual', readers: cpsReader === undefined ? [] : [cpsReader] },
    insi: { url: insi.url, tls: { ...credentials.cps.auth, caPem: credentials.caCertPem } },
    ...(dmp === undefined ? {} : { dmp }),
  });
  const client = inProcessClient(services);
  const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
    if (!result.ok) throw new Error(`desk in dir: ${result.error.code}`);
    return result.value;
  };
  if (cpsReader !== undefined) unwrap(await client.cards.verifyPin({ reader: CPS_READER, pin: CPS_PIN }));
  const openProvisional = async (person: SimPerson = PATB_QUATRE_PERSON): Promise<string> =>
    unwrap(await client.identity.open({ traits: traitsOf(person) })).patientId;
  return {
    services,
    client,
    insi,
    cpsReader,
    openProvisional,
    async qualify(person = PATB_QUATRE_PERSON) {
      const patientId = await openProvisional(person);
      unwrap(await client.identity.searchInsWithTraits({ patientId }));
      const checked = unwrap(await client.identity.recordDocumentCheck({ patientId, documentType: 'PASSPORT' }));
      if (checked.status !== 'QUAL') throw new Error(`desk in dir: identity ${checked.status}, not QUAL`);
      return patientId;
    },
    async close() {
      await services.dispose();
      await insi.close();
    },
  };
}
