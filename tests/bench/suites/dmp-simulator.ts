import { performance } from 'node:perf_hooks';
import { dispatch } from '../../../simulators/national-dmp/dispatch';
import { seedStore } from '../../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../../simulators/national-dmp/store/store';
import { parseUntrustedXml } from '../../../simulators/xml/safe-xml';
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

export async function run(): Promise<BenchResult[]> {
  return [await td02RoundTrip(), await td02Dispatch()];
}
