import { describe, expect, it } from 'vitest';
import { createPcscBackend, pcscHostEntry, type HostProcess } from '../../../main/cards/pcsc-backend';
import type { HostMessage, HostReader, HostRequest } from '../../../main/cards/pcsc-protocol';
import { isAppError } from '../../../shared/errors';
import { memoryLogger } from '../../support/memory-logger';

/**
 * The app's side of the PC/SC host, against scripted hosts: deadlines, the ping that tells a mute
 * card from a frozen host, replacement, stop. (The real host process against pcscd is in
 * tests/integration/cards.)
 */
class ScriptedHost implements HostProcess {
  readonly pid: number;
  readonly requests: HostRequest[] = [];
  /** A frozen host receives requests and never answers, pings included. */
  frozen = false;
  killed = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private exitListeners: (() => void)[] = [];

  constructor(
    pid: number,
    private readonly answer: (request: HostRequest, host: ScriptedHost) => HostMessage | undefined,
  ) {
    this.pid = pid;
  }

  send(request: HostRequest): void {
    // The real channel copies the bytes: so does the script, before the caller wipes its buffer.
    const copy = request.op === 'transmit' ? { ...request, apdu: Uint8Array.from(request.apdu) } : request;
    this.requests.push(copy);
    if (this.frozen) return;
    const reply = request.op === 'ping' ? { kind: 'answer' as const, id: request.id } : this.answer(copy, this);
    if (reply !== undefined) queueMicrotask(() => this.emit(reply));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    setTimeout(() => this.exitListeners.forEach((listener) => listener()), 1);
  }
  emit(message: unknown): void {
    if (!this.killed) this.messageListeners.forEach((listener) => listener(message));
  }
  publish(readers: HostReader[]): void {
    this.emit({ kind: 'state', service: 'ready', readers });
  }
}

const ATR = Uint8Array.from(Buffer.from('3B751300004909EA9000', 'hex'));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : `untyped:${String(error)}`;
  }
}

function harness(
  answer: (request: HostRequest, host: ScriptedHost) => HostMessage | undefined,
  options: { callTimeoutMs?: number; stopTimeoutMs?: number } = {},
) {
  const hosts: ScriptedHost[] = [];
  const log = memoryLogger();
  const backend = createPcscBackend({
    logger: log.logger,
    callTimeoutMs: options.callTimeoutMs ?? 100,
    pingTimeoutMs: 50,
    stopTimeoutMs: options.stopTimeoutMs ?? 100,
    restartDelayMs: 5,
    launch: () => {
      const host = new ScriptedHost(1000 + hosts.length, answer);
      hosts.push(host);
      queueMicrotask(() =>
        host.publish([
          { name: 'Reader A', atr: ATR, generation: 1 },
          { name: 'Reader B', generation: 0 },
        ]),
      );
      return host;
    },
  });
  return { backend, hosts, log };
}

const echo = (request: HostRequest): HostMessage | undefined =>
  request.op === 'transmit'
    ? { kind: 'answer', id: request.id, response: Uint8Array.of(...request.apdu.subarray(0, 1), 0x90, 0x00) }
    : request.op === 'stop'
      ? { kind: 'answer', id: request.id }
      : undefined;

describe('PC/SC backend (app side of the host process)', () => {
  it('mirrors the host readers and carries APDUs over the protocol, mapping failures to codes', async () => {
    const { backend, hosts } = harness((request, host) => {
      if (request.op !== 'transmit') return echo(request);
      if (request.apdu[0] === 0xee) return { kind: 'failure', id: request.id, failure: 'io' };
      if (request.apdu[0] === 0xdd) {
        host.publish([{ name: 'Reader A', generation: 2 }]);
        return { kind: 'failure', id: request.id, failure: 'card-removed' };
      }
      return echo(request);
    });
    let changes = 0;
    backend.onChange(() => (changes += 1));
    expect(backend.service()).toBe('starting');
    expect(() => backend.channel('Reader A')).toThrow(expect.objectContaining({ code: 'PCSC_UNAVAILABLE' }));
    backend.start();
    await wait(5);
    expect(backend.service()).toBe('ready');
    expect(changes).toBe(1);
    expect(backend.readers()).toEqual([{ name: 'Reader A', atr: ATR }, { name: 'Reader B' }]);
    expect(() => backend.channel('Reader B')).toThrow(expect.objectContaining({ code: 'CARD_ABSENT' }));
    expect(() => backend.channel('Reader C')).toThrow(expect.objectContaining({ code: 'CARD_READER_NOT_FOUND' }));

    const channel = backend.channel('Reader A');
    expect(channel.atr).toEqual(ATR);
    const apdu = Uint8Array.of(0x00, 0xa4, 0x04, 0x00);
    const pending = channel.transmit(apdu);
    apdu.fill(0);
    expect(await pending).toEqual(Uint8Array.of(0x00, 0x90, 0x00));
    expect(hosts[0]!.requests[0]).toMatchObject({ op: 'transmit', reader: 'Reader A', generation: 1 });
    expect(await codeOf(channel.transmit(Uint8Array.of(0xee)))).toBe('CARD_IO');
    expect(await codeOf(channel.transmit(Uint8Array.of(0xdd)))).toBe('CARD_REMOVED');
    // The card changed: the channel is refused without asking the host.
    const asked = hosts[0]!.requests.length;
    expect(await codeOf(channel.transmit(Uint8Array.of(0x00)))).toBe('CARD_REMOVED');
    expect(hosts[0]!.requests.length).toBe(asked);
    await backend.stop();
  });

  it('times a mute card out with CARD_TIMEOUT and keeps a host that still answers its ping', async () => {
    const { backend, hosts, log } = harness((request) =>
      request.op === 'transmit' && request.apdu[0] === 0x99 ? undefined : echo(request),
    );
    backend.start();
    await wait(5);
    const channel = backend.channel('Reader A');
    const started = Date.now();
    expect(await codeOf(channel.transmit(Uint8Array.of(0x99)))).toBe('CARD_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
    await wait(80);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.killed).toBe(false);
    expect(hosts[0]!.requests.map((r) => r.op)).toEqual(['transmit', 'ping']);
    expect(log.text()).toContain('cards.pcsc_call_timeout');
    expect(await channel.transmit(Uint8Array.of(0x01))).toEqual(Uint8Array.of(0x01, 0x90, 0x00));
    await backend.stop();
  });

  it('replaces a host that holds too many unanswered exchanges, even if it answers pings', async () => {
    const { backend, hosts, log } = harness((request) =>
      request.op === 'transmit' && request.apdu[0] === 0x99 ? undefined : echo(request),
    );
    backend.start();
    await wait(5);
    for (let i = 0; i < 3; i += 1) {
      expect(await codeOf(backend.channel('Reader A').transmit(Uint8Array.of(0x99)))).toBe('CARD_TIMEOUT');
    }
    await wait(30);
    expect(hosts[0]!.killed).toBe(true);
    expect(hosts).toHaveLength(2);
    expect(log.text()).toContain('"reason":"saturated"');
    await backend.stop();
  });

  it('kills a frozen host, starts another, lists the readers again and serves through it', async () => {
    const { backend, hosts, log } = harness(echo);
    backend.start();
    await wait(5);
    const before = backend.channel('Reader A');
    let notified = 0;
    backend.onChange(() => (notified += 1));
    hosts[0]!.frozen = true;
    const started = Date.now();
    expect(await codeOf(before.transmit(Uint8Array.of(0x01)))).toBe('CARD_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
    await wait(120);
    expect(hosts[0]!.killed).toBe(true);
    expect(hosts).toHaveLength(2);
    expect(log.text()).toContain('"reason":"frozen"');
    // Readers cleared when the host died, listed again by the new one.
    expect(notified).toBeGreaterThanOrEqual(2);
    expect(backend.service()).toBe('ready');
    expect(backend.readers()).toEqual([{ name: 'Reader A', atr: ATR }, { name: 'Reader B' }]);
    // A channel of the killed host is stale (pcscd reset its cards); a new one works.
    expect(await codeOf(before.transmit(Uint8Array.of(0x01)))).toBe('CARD_REMOVED');
    expect(await backend.channel('Reader A').transmit(Uint8Array.of(0x02))).toEqual(Uint8Array.of(0x02, 0x90, 0x00));
    await backend.stop();
  });

  it('fails the exchanges pending in a host that dies, and starts a new one', async () => {
    const { backend, hosts, log } = harness((request) => (request.op === 'transmit' ? undefined : echo(request)), {
      callTimeoutMs: 5_000,
    });
    backend.start();
    await wait(5);
    const pending = codeOf(backend.channel('Reader A').transmit(Uint8Array.of(0x01)));
    hosts[0]!.kill();
    expect(await pending).toBe('CARD_REMOVED');
    await wait(30);
    expect(hosts).toHaveLength(2);
    expect(log.text()).toContain('cards.pcsc_host_exited');
    await backend.stop();
  });

  it('stops a host that releases its cards, and kills one frozen in the release', async () => {
    const polite = harness(echo);
    polite.backend.start();
    await wait(5);
    await polite.backend.stop();
    expect(polite.hosts[0]!.requests.map((r) => r.op)).toEqual(['stop']);
    expect(polite.log.text()).not.toContain('pcsc_host_stuck');

    const stuck = harness((request) => (request.op === 'stop' ? undefined : echo(request)), { stopTimeoutMs: 80 });
    stuck.backend.start();
    await wait(5);
    const started = Date.now();
    await stuck.backend.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(stuck.hosts[0]!.killed).toBe(true);
    expect(stuck.log.text()).toContain('"code":"CARD_TIMEOUT"');
    await wait(30);
    expect(stuck.hosts).toHaveLength(1);
  });

  it('ignores messages that do not have the protocol shape', async () => {
    const { backend, hosts, log } = harness(echo);
    backend.start();
    await wait(5);
    hosts[0]!.emit({ kind: 'state', service: 'ready', readers: [{ name: 42 }] });
    hosts[0]!.emit('garbage');
    expect(backend.readers()).toHaveLength(2);
    expect(log.text()).toContain('cards.pcsc_host_bad_message');
    await backend.stop();
  });

  it('finds the host entry next to the source under tsx, next to the bundle once built', () => {
    expect(pcscHostEntry('file:///app/main/cards/pcsc-backend.ts')).toEqual({
      path: '/app/main/cards/pcsc-host-entry.ts',
      execArgv: ['--import', 'tsx'],
    });
    expect(pcscHostEntry('file:///app/out/main/index.cjs')).toEqual({
      path: '/app/out/main/pcsc-host.cjs',
      execArgv: [],
    });
  });
});
