import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../../simulators/national-dmp/dispatch';
import { seedStore } from '../../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../../simulators/national-dmp/store/store';
import { entryRecord, registered } from '../../../simulators/national-dmp/transactions/documents/provide';
import { STATUS, UUID, XDS_NS } from '../../../simulators/national-dmp/xds/constants';
import { readObjectList, type RimObject } from '../../../simulators/national-dmp/xds/ebrim';
import { parseUntrustedXml } from '../../../simulators/xml/safe-xml';
import { officialTd21Parts, td31 } from '../../integration/dmp/simulator/documents';
import { officialMessage, postSoap, startFixture } from '../../integration/dmp/simulator/harness';
import { resignVihf } from '../../support/resign-vihf';
import { median, round, type BenchResult } from '../types';

const RUNS = 7;
const REQUESTS = 30;
const TD02 = 'TD0.2_-_Test_dexistence_request.xml';

/**
 * A signed TD0.2 over mutual TLS, end to end; baseline = the same envelope POSTed to a route that
 * refuses it before VIHF verification and SQLite, so the ratio is what the DMP logic adds to TLS + HTTP.
 */
async function td02RoundTrip(): Promise<BenchResult> {
  const fx = await startFixture();
  try {
    const signed = resignVihf(officialMessage(TD02), fx.doctor.sign);
    const timeOne = async (service: string): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < REQUESTS; i += 1) await postSoap(fx, service, signed, fx.doctor.auth);
      return (performance.now() - started) / REQUESTS;
    };
    await timeOne('patients');
    const ours: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      ours.push(await timeOne('patients'));
      floor.push(await timeOne('registry'));
    }
    const m = median(ours);
    const b = median(floor);
    return {
      name: 'dmp_sim.td02_round_trip',
      unit: 'ms',
      median: round(m),
      samples: RUNS * REQUESTS,
      baseline: round(b),
      ratio: round(m / b),
    };
  } finally {
    await fx.sim.close();
  }
}

/** In-process handling of one TD0.2 (parse, VIHF signature and certificate checks, rights, SQLite, answer); baseline = parsing alone. */
async function td02Dispatch(): Promise<BenchResult> {
  const fx = await startFixture();
  const store = new SimulatorStore(':memory:');
  seedStore(store, new Date());
  try {
    const signed = resignVihf(officialMessage(TD02), fx.doctor.sign);
    const options = {
      store,
      caCertPem: fx.pki.caCertPem,
      now: new Date(),
      refuseCreation: false,
      maxBodyBytes: 1024 * 1024,
      vihfMaxAgeSeconds: 3600,
      clockSkewSeconds: 300,
    };
    if (dispatch('patients', signed, options).status !== 200) throw new Error('TD0.2 refused');
    const perCall = (work: () => void): number => {
      const started = performance.now();
      for (let i = 0; i < REQUESTS * 3; i += 1) work();
      return (performance.now() - started) / (REQUESTS * 3);
    };
    const ours: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      ours.push(perCall(() => dispatch('patients', signed, options)));
      floor.push(perCall(() => parseUntrustedXml(signed)));
    }
    const m = median(ours);
    const b = median(floor);
    return {
      name: 'dmp_sim.td02_dispatch',
      unit: 'ms',
      median: round(m, 3),
      samples: RUNS * REQUESTS * 3,
      baseline: round(b, 3),
      ratio: round(m / b),
    };
  } finally {
    store.close();
    await fx.sim.close();
  }
}

const EXAMPLE = '207058575627097';
const EMPTY_DMP = '297022A02077878';
const DOCUMENTS = 2000;

/**
 * Writes `count` documents for a patient straight into a simulator state file, each with the
 * metadata of the official TD2.1 DocumentEntry and its own ids, as if deposited one by one.
 */
export function populate(file: string, nir: string, count: number): void {
  const store = new SimulatorStore(file);
  seedStore(store, new Date());
  const envelope = parseUntrustedXml(officialTd21Parts().envelope);
  const list = envelope.getElementsByTagNameNS(XDS_NS.rim, 'RegistryObjectList')[0];
  if (list === undefined) throw new Error('TD2.1 example: no RegistryObjectList');
  const { objects } = readObjectList(list);
  const entry = objects.find((object) => object.id === 'DocumentME2');
  const set = objects.find((object) => object.kind === 'RegistryPackage');
  if (entry === undefined || set === undefined) throw new Error('TD2.1 example: no DocumentEntry');
  const content = Buffer.from(`<ClinicalDocument xmlns="urn:hl7-org:v3"/>`);
  const hash = createHash('sha1').update(content).digest('hex');
  const fresh = (): string => `urn:uuid:${randomUUID()}`;
  store.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const uniqueId = `1.2.250.1.999.1.1.7898.3.${i + 1}`;
      const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
      const ssUuid = fresh();
      store.documents.insertSubmissionSet({
        entryUuid: ssUuid,
        uniqueId: `1.2.250.1.999.1.1.7898.1.${i + 1}`,
        nir,
        sourceId: '1.2.250.1.999.1.1.7898',
        submissionTime: at.replace(/[-:T]/g, '').slice(0, 14),
        authorId: null,
        authorStructure: null,
        receivedAt: at,
        metadata: registered(set, ssUuid, STATUS.approved, fresh),
      });
      const withIds: RimObject = {
        ...entry,
        slots: [...entry.slots, { name: 'hash', values: [hash] }, { name: 'size', values: [String(content.length)] }],
        externalIdentifiers: entry.externalIdentifiers.map((identifier) =>
          identifier.scheme === UUID.deUniqueId ? { ...identifier, value: uniqueId } : identifier,
        ),
      };
      const metadata = registered(withIds, fresh(), STATUS.approved, fresh);
      store.documents.insertEntry(entryRecord(metadata, 1, nir, ssUuid, at, '499900063480001'));
      store.documents.insertContent({ uniqueId, mimeType: 'text/xml', hash, size: content.length, content });
    }
  });
  store.close();
}

/**
 * TD3.1 FindDocuments (LeafClass) over mutual TLS on a DMP of 2,000 documents; baseline = the
 * same request on an empty DMP, so the ratio is the cost of finding and writing the 2,000 entries.
 */
async function findDocuments2000(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'dmp-sim-bench-'));
  const file = join(dir, 'state.sqlite');
  populate(file, EXAMPLE, DOCUMENTS);
  const fx = await startFixture({ dbFile: file });
  try {
    fx.sim.admin.authorizeProfessional(EMPTY_DMP, '899900063480');
    const full = resignVihf(td31({ nir: EXAMPLE }), fx.doctor.sign);
    const empty = resignVihf(td31({ nir: EMPTY_DMP }), fx.doctor.sign);
    const timeOne = async (xml: string, expected: number): Promise<number> => {
      const started = performance.now();
      const answer = await postSoap(fx, 'registry', xml, fx.doctor.auth, 60_000);
      const elapsed = performance.now() - started;
      const found = answer.body.split('<ns4:ExtrinsicObject ').length - 1;
      if (found !== expected) throw new Error(`FindDocuments returned ${found} entries, expected ${expected}`);
      return elapsed;
    };
    await timeOne(full, DOCUMENTS);
    await timeOne(empty, 0);
    const ours: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS * 2; run += 1) {
      ours.push(await timeOne(full, DOCUMENTS));
      floor.push(await timeOne(empty, 0));
    }
    const m = median(ours);
    const b = median(floor);
    return {
      name: 'dmp_sim.find_documents_2000',
      unit: 'ms',
      median: round(m),
      samples: ours.length,
      baseline: round(b),
      ratio: round(m / b),
      extra: { documents: DOCUMENTS },
    };
  } finally {
    await fx.sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  return [await td02RoundTrip(), await td02Dispatch(), await findDocuments2000()];
}
