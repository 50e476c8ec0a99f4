import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DmpEndpointConfig } from '../../main/config/runtime';
import type { Logger } from '../../main/log/logger';
import { silentLogger } from '../../main/log/logger';
import { createServices, type Services, type ServicesConfig } from '../../main/services';
import { trainingDmpEndpoint } from '../../main/training/sim-data-config';
import type { DmpClient } from '../../shared/api';
import { VirtualCps3, VirtualReader, type CpsHolderData } from '../../simulators/cards';
import {
  DEFAULT_IDENTITIES,
  OID_NIR_TEST,
  startInsiSimulator,
  type InsiSimulator,
  type SimPerson,
} from '../../simulators/insi';
import { inProcessClient } from './in-process-client';

/**
 * A desk as a clinic runs it, in plain Node or jsdom: the real service graph, the INSi simulator
 * over mutual TLS, and the practitioner's CPS in a virtual reader (PIN verified). Calls name the
 * patient by the patientId of an identity qualified through INSi, never by INS.
 */

/** LAURENCE PATB-QUATRE, the patient of the official DMP examples, as INSi knows her (test INS). */
export const PATB_QUATRE_PERSON: SimPerson = {
  birthName: 'PATB-QUATRE',
  firstNames: ['LAURENCE'],
  sex: 'F',
  birthDate: '1907-05-25',
  birthPlace: '75056',
  active: { nir13: '2070585756270', key: '97', oid: OID_NIR_TEST },
};

export const CPS_READER = 'Lecteur CPS (test)';
export const CPS_PIN = '1234';

export interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What the desk needs from a test PKI: the CA, the national services' server pair, the CPS pairs. */
export interface DeskCredentials {
  readonly caCertPem: string;
  readonly server: Pem;
  readonly cps: { readonly auth: Pem; readonly sign: Pem };
}

export interface DeskFixture {
  readonly services: Services;
  readonly client: DmpClient;
  readonly insi: InsiSimulator;
  readonly cpsReader: VirtualReader;
  readonly cps: VirtualCps3;
  /** The desk's user data folder. */
  readonly dir: string;
  /** Opens a patient from typed traits and qualifies the identity (INSi + identity document): its patientId. */
  qualify(person?: SimPerson): Promise<string>;
  /** The patientId of the INSi identity with this matricule (13 digits + key), qualified once and remembered. */
  patientIdFor(matricule: string): Promise<string>;
  /** Puts the CPS back and presents the PIN again (after a test pulled it). */
  reinsertCps(): Promise<void>;
  close(): Promise<void>;
}

const der = (pem: string): Uint8Array => new Uint8Array(new X509Certificate(pem).raw);

export async function startDeskFixture(options: {
  readonly credentials: DeskCredentials;
  /** The national DMP simulator's URL; absent -> no DMP configured. */
  readonly dmpUrl?: string;
  readonly holder: CpsHolderData;
  readonly logger?: Logger;
  readonly persons?: readonly SimPerson[];
  /** How long a signed VIHF is reused (default: the desk's default; 0 = a token per call). */
  readonly vihfTtlMs?: number;
  /** The desk's user data folder (kept at close); default: a fresh temp folder, removed at close. */
  readonly userDataDir?: string;
  /** The practice the desk is configured for (default: the training practice). */
  readonly structure?: DmpEndpointConfig['structure'];
  readonly overrides?: Partial<Omit<ServicesConfig, 'userDataDir'>>;
}): Promise<DeskFixture> {
  const { credentials } = options;
  const tls = { ...credentials.cps.auth, caPem: credentials.caCertPem };
  const insi = await startInsiSimulator({
    host: '127.0.0.1',
    tls: { ...credentials.server, caPem: credentials.caCertPem },
    identities: [...DEFAULT_IDENTITIES, PATB_QUATRE_PERSON, ...(options.persons ?? [])],
  });
  const cps = new VirtualCps3({
    holder: options.holder,
    auth: { ...credentials.cps.auth, certDer: der(credentials.cps.auth.certPem) },
    sign: { ...credentials.cps.sign, certDer: der(credentials.cps.sign.certPem) },
  });
  const endpoint = (baseUrl: string): DmpEndpointConfig => {
    const base = trainingDmpEndpoint({ baseUrl, caPem: credentials.caCertPem, auth: credentials.cps.auth });
    return {
      ...base,
      ...(options.structure === undefined ? {} : { structure: options.structure }),
      ...(options.vihfTtlMs === undefined ? {} : { vihfTtlMs: options.vihfTtlMs }),
    };
  };
  const cpsReader = new VirtualReader(CPS_READER);
  cpsReader.insert(cps);
  const dir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'dmp-desk-')));
  const services = createServices({
    userDataDir: dir,
    mode: 'training',
    appName: 'DMP Desk',
    appVersion: '0.0.0-test',
    platform: 'linux',
    logger: options.logger ?? silentLogger,
    cards: { backend: 'virtual', readers: [cpsReader] },
    insi: { url: insi.url, tls },
    ...(options.dmpUrl === undefined ? {} : { dmp: endpoint(options.dmpUrl) }),
    ...options.overrides,
  });
  const client = inProcessClient(services);
  const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
    if (!result.ok) throw new Error(`desk fixture: ${result.error.code}`);
    return result.value;
  };
  const presentPin = async (): Promise<void> => {
    unwrap(await client.cards.verifyPin({ reader: CPS_READER, pin: CPS_PIN }));
  };
  await presentPin();
  const persons = [...DEFAULT_IDENTITIES, PATB_QUATRE_PERSON, ...(options.persons ?? [])];
  const qualified = new Map<string, Promise<string>>();
  const fixture: DeskFixture = {
    services,
    client,
    insi,
    cpsReader,
    cps,
    dir,
    async qualify(person = PATB_QUATRE_PERSON) {
      const opened = unwrap(
        await client.identity.open({
          traits: {
            birthName: person.birthName,
            firstNames: person.firstNames,
            sex: person.sex,
            birthDate: person.birthDate,
            ...(person.birthPlace === undefined ? {} : { birthPlace: person.birthPlace }),
          },
        }),
      );
      unwrap(await client.identity.searchInsWithTraits({ patientId: opened.patientId }));
      const checked = unwrap(
        await client.identity.recordDocumentCheck({ patientId: opened.patientId, documentType: 'PASSPORT' }),
      );
      if (checked.status !== 'QUAL') throw new Error(`desk fixture: identity ${checked.status}, not QUAL`);
      return opened.patientId;
    },
    patientIdFor(matricule) {
      const known = qualified.get(matricule);
      if (known !== undefined) return known;
      const person = persons.find((p) => `${p.active.nir13}${p.active.key}` === matricule);
      if (person === undefined) throw new Error(`desk fixture: no INSi identity ${matricule.slice(-4)}`);
      const id = fixture.qualify(person);
      qualified.set(matricule, id);
      return id;
    },
    async reinsertCps() {
      if (cpsReader.card() === undefined) cpsReader.insert(cps);
      await presentPin();
    },
    async close() {
      await services.dispose();
      await insi.close();
      if (options.userDataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
