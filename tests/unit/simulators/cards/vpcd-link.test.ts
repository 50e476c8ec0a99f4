import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualCard } from '../../../../simulators/cards';
import { VpcdLink } from '../../../../simulators/cards/vpcd-link';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A stand-in for vpcd: accepts the link's connection and exchanges length-prefixed frames. */
async function fakeVpcd(): Promise<{ port: number; peer: Promise<Socket> }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const peer = once(server, 'connection').then(([socket]) => socket as Socket);
  return { port: (server.address() as AddressInfo).port, peer };
}

const frame = (bytes: number[]): Buffer => Buffer.from([bytes.length >> 8, bytes.length & 0xff, ...bytes]);

describe('vpcd link', () => {
  it('answers 6F00 when the card fails on a command, and keeps serving the next one', async () => {
    const { port, peer } = await fakeVpcd();
    let calls = 0;
    const card: VirtualCard = {
      atr: Uint8Array.of(0x3b, 0x00),
      reset: () => undefined,
      process: () => {
        calls += 1;
        if (calls === 1) throw new RangeError('card bug');
        return Uint8Array.of(0x90, 0x00);
      },
    };
    const link = new VpcdLink(card, { port, host: '127.0.0.1' });
    await link.insert();
    closers.push(() => link.remove());
    const socket = await peer;
    const answers: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(chunk));
    socket.write(frame([0x00, 0xa4, 0x00, 0x00]));
    socket.write(frame([0x00, 0xb0, 0x00, 0x00]));
    await expect.poll(() => Buffer.concat(answers).length).toBe(8);
    expect([...Buffer.concat(answers)]).toEqual([0, 2, 0x6f, 0x00, 0, 2, 0x90, 0x00]);
    expect(link.connected).toBe(true);
  });
});
