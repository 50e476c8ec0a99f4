import { performance } from 'node:perf_hooks';
import { Context, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED, type CardInterface } from 'smartcard';
import type { ReaderBackend } from '../../../main/cards/backend';
import { createCardService, type CardService } from '../../../main/cards/card-service';
import { createPcscBackend } from '../../../main/cards/pcsc-backend';
import { createVirtualBackend } from '../../../main/cards/virtual-backend';
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
 * ratio is large but the absolute overhead (reported) is a fraction of a millisecond:
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
  readonly run: (service: CardService) => Promise<unknown>;
}

async function measure(
  label: string,
  service: CardService,
  take: () => Uint8Array[],
  flow: Flow,
  raw: (apdus: readonly Uint8Array[]) => Promise<void>,
  withTarget: boolean,
): Promise<BenchResult> {
  await flow.run(service);
  take();
  await flow.run(service);
  const apdus = take();
  const ours = median(await timeEach(SAMPLES, () => flow.run(service)));
  const baseline = median(await timeEach(SAMPLES, () => raw(apdus)));
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
  { name: 'vitale_full_read', minimal: MINIMAL.vitale, reader: vitaleReader, run: (s) => s.readVitale(vitaleReader) },
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
        service,
        take,
        flow,
        async (apdus) => {
          for (const apdu of apdus) await slot.transmit(Uint8Array.from(apdu));
        },
        false,
      ),
    );
  }
  await service.dispose();
  return results;
}

async function overPcscd(cards: { vitale: VirtualCard; cps: VirtualCard }): Promise<BenchResult[]> {
  const pcscd = await ensurePcscd();
  const links = [new VpcdLink(cards.vitale, { port: VPCD_PORTS[0] }), new VpcdLink(cards.cps, { port: VPCD_PORTS[1] })];
  const { backend, take } = recording(createPcscBackend({ logger: silentLogger }));
  const service = createCardService({ backend, logger: silentLogger });
  const context = new Context();
  const rawCards: CardInterface[] = [];
  try {
    for (const link of links) await link.insert();
    const deadline = Date.now() + 15_000;
    while (service.status().readers.filter((r) => r.card !== undefined).length < 2) {
      if (Date.now() > deadline) throw new Error('virtual cards not seen by pcscd');
      await new Promise((wait) => setTimeout(wait, 50));
    }
    // The raw baseline: the binding's own card handles, no transport, parser or service in between.
    for (const name of VPCD_READERS) {
      const reader = context.listReaders().find((candidate) => candidate.name === name);
      if (reader === undefined) throw new Error(`reader ${name} missing`);
      rawCards.push(await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1));
    }
    const results: BenchResult[] = [];
    for (const flow of flows(VPCD_READERS[0], VPCD_READERS[1])) {
      const raw = rawCards[flow.reader === VPCD_READERS[0] ? 0 : 1]!;
      results.push(
        await measure(
          'pcscd',
          service,
          take,
          flow,
          async (apdus) => {
            for (const apdu of apdus) await raw.transmit(Buffer.from(apdu));
          },
          true,
        ),
      );
    }
    return results;
  } finally {
    for (const card of rawCards) card.disconnect();
    context.close();
    await service.dispose();
    for (const link of links) await link.remove();
    await pcscd.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const cards = await createDemoCards({ pki: await cachedTestPki() });
  return [...(await inProcess(cards)), ...(await overPcscd(cards))];
}
