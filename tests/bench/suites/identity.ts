import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { computeInsc, inscFirstName } from '../../../main/identity/insc';
import { createInsiClient } from '../../../main/identity/insi/client';
import { silentLogger } from '../../../main/log/logger';
import { startInsiSimulator } from '../../../simulators/insi';
import { createTestPki } from '../../../simulators/pki';
import { loadInscVectors } from '../../unit/identity/insc-vectors';
import { median, round, type BenchResult } from '../types';

const RUNS = 7;
const ROUND_TRIPS = 40;

/** INS-C over the whole public sample; baseline = the bare SHA-256 of the same seeds (the floor of the algorithm). */
function inscThroughput(): BenchResult {
  const vectors = loadInscVectors();
  const inputs = vectors.map((v) => ({ firstName: v.firstName, birthDate: v.birthDate, ownNir: v.nir13 + v.nirKey }));
  const seeds = vectors.map((v) => inscFirstName(v.firstName) + v.birthDate + v.nir13);
  const perSecond = (work: () => void): number => {
    const started = performance.now();
    work();
    return vectors.length / ((performance.now() - started) / 1000);
  };
  const full: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    full.push(perSecond(() => inputs.forEach((input) => computeInsc(input))));
    floor.push(perSecond(() => seeds.forEach((seed) => createHash('sha256').update(seed, 'latin1').digest('hex'))));
  }
  // Throughput: higher is better, so the ratio is baseline / ours (how many times slower than the floor).
  const ours = median(full);
  const baseline = median(floor);
  return {
    name: 'identity.insc_per_second',
    unit: 'INS-C/s',
    median: round(ours, 0),
    samples: RUNS,
    baseline: round(baseline, 0),
    ratio: round(baseline / ours),
    extra: { vectors: vectors.length },
  };
}

/** One INSi traits search over mutual TLS; baseline = the same envelope POSTed with bare node:https. */
async function insiRoundTrip(): Promise<BenchResult> {
  const pki = await createTestPki();
  const server = await pki.issueServer(['127.0.0.1']);
  const cred = await pki.issueEstablishment({ finess: '010000000', name: 'Bench', commonName: 'INSI-AUTO' });
  const sim = await startInsiSimulator({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
  });
  try {
    const tls = { certPem: cred.certPem, keyPem: cred.keyPem, caPem: pki.caCertPem };
    const client = createInsiClient({
      url: sim.url,
      tls,
      lps: { idam: 'BENCH', version: '0', instance: 'bench', name: 'DMPDESK' },
      emitter: 'bench',
      logger: silentLogger,
    });
    const traits = { birthName: 'ADRTROIS', firstNames: ['DOMINIQUE'], sex: 'F' as const, birthDate: '1997-02-26' };
    await client.searchWithTraits(traits);
    const envelope = sim.received.at(-1)?.body ?? '';
    const raw = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const url = new URL(sim.url);
        const req = request(
          {
            hostname: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            cert: tls.certPem,
            key: tls.keyPem,
            ca: tls.caPem,
            agent: false,
            headers: {
              'Content-Type':
                'application/soap+xml; charset=utf-8; action="urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite"',
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve());
          },
        );
        req.on('error', reject);
        req.end(envelope);
      });
    const time = async (work: () => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i += 1) {
      ours.push(await time(() => client.searchWithTraits(traits)));
      bare.push(await time(raw));
    }
    const m = median(ours);
    const b = median(bare);
    return {
      name: 'identity.insi_round_trip',
      unit: 'ms',
      median: round(m),
      samples: ROUND_TRIPS,
      baseline: round(b),
      ratio: round(m / b),
    };
  } finally {
    await sim.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  return [inscThroughput(), await insiRoundTrip()];
}
