import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ReaderBackend } from '../../../main/cards/backend';
import { createCardService, type CardService } from '../../../main/cards/card-service';
import { createPcscBackend } from '../../../main/cards/pcsc-backend';
import { ApduTransport } from '../../../main/cards/transport';
import { createVirtualBackend } from '../../../main/cards/virtual-backend';
import { readVitaleBeneficiaries } from '../../../main/cards/vitale-reader';
import { silentLogger } from '../../../main/log/logger';
import { createDemoCards, VirtualReader, VpcdLink, VPCD_PORTS, type VirtualCard } from '../../../simulators/cards';
import { cachedTestPki } from '../../support/pcsc-virtual';
import { ensurePcscd, VPCD_READERS } from '../../support/pcscd';
import { median, round, type BenchResult } from '../types';

/**
 * A full Vitale read and a CPS login + identity read, through the whole card stack, against a
 * raw transmit loop of the very same APDUs in the same run (ratio target <= 1.2). The APDU count
 * is reported next to the minimal sequence for what the screen shows. The 1.2 target applies to
 * the production path (pcscd); in process the baseline is a synchronous function call, so the
 * ratio is large but the absolute overhead (reported) is a fraction of a millisecond. Over pcscd,
 * every binding call runs in another process (the app's PC/SC host; the baseline's own child),
 * since the virtual cards are served by this thread: a synchronous call here deadlocked the bench.
 * The baseline is timed inside its child, so it carries no IPC hop while ours carries one per APDU.
 * APDU counts:
 *  - Vitale: SELECT MF_VITALE, READ identity (+6Cxx resend), SELECT VITALE, READ NIR (+resend) = 6;
 *  - CPS: SELECT MF, GET DATA pin SDO (+GET RESPONSE), SELECT holder EF, READ (+resend), VERIFY = 7.
 */

const SAMPLES = 25;
const WARMUP = 3;
const MINIMAL = { vitale: 6, cps: 7 } as const;

/** Keeps a copy of every APDU the service sends (before the transport wipes PIN buffers). */
function recording(inner: ReaderBackend): { backend: ReaderBackend; take: () => Uint8Array[] } {
  let log: Uint8Array[] = [];
  return {
    take: () => {
      const out = log;
      log = [];
      return out;
    },
    backend: {
      ...inner,
      channel: (reader) => {
        const channel = inner.channel(reader);
        return {
          atr: channel.atr,
          transmit: (apdu) => {
            log.push(Uint8Array.from(apdu));
            return channel.transmit(apdu);
          },
        };
      },
    },
  };
}

async function timeEach(samples: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

interface Flow {
  readonly name: string;
  readonly minimal: number;
  readonly reader: string;
  /** `backend` is the service's own (recording) backend, for flows that must skip the service's per-insertion cache. */
  readonly run: (service: CardService, backend: ReaderBackend) => Promise<unknown>;
}

async function measure(
  label: string,
  { service, backend, take }: { service: CardService; backend: ReaderBackend; take: () => Uint8Array[] },
  flow: Flow,
  raw: (apdus: readonly Uint8Array[]) => Promise<number[]>,
  withTarget: boolean,
): Promise<BenchResult> {
  await flow.run(service, backend);
  take();
  await flow.run(service, backend);
  const apdus = take();
  const ours = median(await timeEach(SAMPLES, () => flow.run(service, backend)));
  const baseline = median(await raw(apdus));
  return {
    name: `cards.${flow.name}.${label}`,
    unit: 'ms',
    median: round(ours, 3),
    samples: SAMPLES,
    baseline: round(baseline, 3),
    ratio: round(ours / baseline),
    ...(withTarget ? { target: 1.2 } : {}),
    extra: { apdus: apdus.length, minimalApdus: flow.minimal, overheadMs: round(ours - baseline, 3) },
  };
}

const flows = (vitaleReader: string, cpsReader: string): Flow[] => [
  {
    name: 'vitale_full_read',
    minimal: MINIMAL.vitale,
    reader: vitaleReader,
    // The service reads a Vitale once per insertion and then answers from memory: read the card itself each time.
    run: (_service, backend) => readVitaleBeneficiaries(new ApduTransport(backend.channel(vitaleReader))),
  },
  {
    name: 'cps_login_read',
    minimal: MINIMAL.cps,
    reader: cpsReader,
    run: async (s) => {
      await s.cpsHolder(cpsReader);
      await s.verifyPin(cpsReader, '1234');
    },
  },
];

async function inProcess(cards: { vitale: VirtualCard; cps: VirtualCard }): Promise<BenchResult[]> {
  const readers = [new VirtualReader('A'), new VirtualReader('B')];
  const vitaleSlot = readers[0]!.insert(cards.vitale);
  const cpsSlot = readers[1]!.insert(cards.cps);
  const { backend, take } = recording(createVirtualBackend(readers));
  const service = createCardService({ backend, logger: silentLogger });
  const results: BenchResult[] = [];
  for (const flow of flows('A', 'B')) {
    const slot = flow.reader === 'A' ? vitaleSlot : cpsSlot;
    results.push(
      await measure(
        'in_process',
        { service, backend, take },
        flow,
        (apdus) =>
          timeEach(SAMPLES, async () => {
            for (const apdu of apdus) await slot.transmit(Uint8Array.from(apdu));
          }),
        false,
      ),
    );
  }
  await service.dispose();
  return results;
}

/** The binding's raw loop, timed in its own process (tests/support/pcsc-raw-child.ts). */
function rawBaseline(): {
  time: (reader: string, apdus: readonly Uint8Array[]) => Promise<number[]>;
  close: () => Promise<void>;
} {
  const child: ChildProcess = fork(resolve(import.meta.dirname, '../../support/pcsc-raw-child.ts'), [], {
    serialization: 'advanced',
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    time: async (reader, apdus) => {
      const answer = once(child, 'message') as Promise<[{ times?: number[]; error?: string }]>;
      child.send({ reader, apdus, warmup: WARMUP, samples: SAMPLES });
      const [{ times, error }] = await answer;
      if (times === undefined) throw new Error(`raw baseline: ${error ?? 'no answer'}`);
      return times;
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      // Bounded: a child stuck in the binding is killed rather than waited on.
      const guard = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(guard);
    },
  };
}

async function overPcscd(cards: { vitale: VirtualCard; cps: VirtualCard }): Promise<BenchResult[]> {
  const pcscd = await ensurePcscd();
  const links = [new VpcdLink(cards.vitale, { port: VPCD_PORTS[0] }), new VpcdLink(cards.cps, { port: VPCD_PORTS[1] })];
  const { backend, take } = recording(createPcscBackend({ logger: silentLogger }));
  const service = createCardService({ backend, logger: silentLogger });
  const raw = rawBaseline();
  try {
    for (const link of links) await link.insert();
    const deadline = Date.now() + 15_000;
    while (service.status().readers.filter((r) => r.card !== undefined).length < 2) {
      if (Date.now() > deadline) throw new Error('virtual cards not seen by pcscd');
      await new Promise((wait) => setTimeout(wait, 50));
    }
    const results: BenchResult[] = [];
    for (const flow of flows(VPCD_READERS[0], VPCD_READERS[1])) {
      const raws = (apdus: readonly Uint8Array[]) => raw.time(flow.reader, apdus);
      results.push(await measure('pcscd', { service, backend, take }, flow, raws, true));
    }
    return results;
  } finally {
    await raw.close();
    await service.dispose();
    for (const link of links) await link.remove();
    await pcscd.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const cards = await createDemoCards({ pki: await cachedTestPki() });
  return [...(await inProcess(cards)), ...(await overPcscd(cards))];
}
