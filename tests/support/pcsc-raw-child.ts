/**
 * The cards benchmark's raw baseline: the binding's own transmit loop, with no transport, parser,
 * service or IPC in between, timed here and reported to the parent. It runs in its own process
 * because the virtual cards are served by the parent's thread: a synchronous binding call there
 * (SCardDisconnect waiting on pcscd, pcscd waiting on the card) is the deadlock that hung the bench.
 *
 * Messages in: { reader, apdus, warmup, samples } → answers { times } (ms per loop) or { error };
 * stdin end or IPC disconnect → cards released, exit.
 */
import { performance } from 'node:perf_hooks';
import { Context, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED, type CardInterface } from 'smartcard';

interface TimeRequest {
  readonly reader: string;
  readonly apdus: readonly Uint8Array[];
  readonly warmup: number;
  readonly samples: number;
}

const context = new Context();
const cards = new Map<string, CardInterface>();

async function cardIn(name: string): Promise<CardInterface> {
  const known = cards.get(name);
  if (known !== undefined) return known;
  const reader = context.listReaders().find((candidate) => candidate.name === name);
  if (reader === undefined) throw new Error(`reader ${name} missing`);
  const card = await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  cards.set(name, card);
  return card;
}

async function time(request: TimeRequest): Promise<number[]> {
  const card = await cardIn(request.reader);
  const loop = async (): Promise<void> => {
    for (const apdu of request.apdus) await card.transmit(Buffer.from(apdu));
  };
  for (let i = 0; i < request.warmup; i += 1) await loop();
  const times: number[] = [];
  for (let i = 0; i < request.samples; i += 1) {
    const started = performance.now();
    await loop();
    times.push(performance.now() - started);
  }
  return times;
}

process.on('message', (message: TimeRequest) => {
  time(message).then(
    (times) => process.send?.({ times }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => {
  for (const card of cards.values()) card.disconnect();
  context.close();
  process.exit(0);
});
