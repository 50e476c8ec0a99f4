import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardService, type CardService } from '../../../main/cards/card-service';
import { createPcscBackend } from '../../../main/cards/pcsc-backend';
import { isAppError } from '../../../shared/errors';
import {
  DEMO_PRACTITIONER,
  VirtualCps3,
  VirtualVitale2,
  VpcdLink,
  VPCD_PORTS,
  type FaultPlan,
  type VirtualCard,
} from '../../../simulators/cards';
import type { TestPki } from '../../../simulators/pki';
import { memoryLogger } from '../../support/memory-logger';
import { cardIn, ensurePcscd, until, VPCD_READERS, type PcscdHandle } from '../../support/pcscd';
import { cachedTestPki } from '../../support/pcsc-virtual';

/**
 * Cards that stop answering, through the real pcscd + vpcd: mid-transmit, in a host frozen in a
 * native call, and mid-disconnect. The app's thread keeps its timers on time, serves the other
 * reader, and reports CARD_TIMEOUT within its deadline. The virtual cards are served by this very
 * thread, as in the benchmark that used to deadlock.
 */

const [READER_0, READER_1] = VPCD_READERS;
const CALL_TIMEOUT_MS = 1_500;
const STOP_TIMEOUT_MS = 1_500;
/** Longest gap allowed between two ticks of a 20 ms timer while a card hangs. */
const MAX_LAG_MS = 250;
const FAMILY = [{ lastName: 'MARTIN', firstName: 'PHILIPPE', birthDate: '19610217', nir: '161027575428992' }];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : `untyped:${String(error)}`;
  }
}

/** Measures how late this thread's timers run: a blocked main thread shows as one long gap. */
function lagProbe(): { stop: () => number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return worst;
    },
  };
}

function hostPids(text: string): number[] {
  return text
    .split('\n')
    .filter((line) => line.includes('cards.pcsc_host_started'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('cards that stop answering, over real pcscd and vpcd', () => {
  let pcscd: PcscdHandle;
  let pki: TestPki;
  const links: VpcdLink[] = [];
  const services: CardService[] = [];

  const startService = (log = memoryLogger()) => {
    const backend = createPcscBackend({
      logger: log.logger,
      callTimeoutMs: CALL_TIMEOUT_MS,
      pingTimeoutMs: 500,
      stopTimeoutMs: STOP_TIMEOUT_MS,
    });
    // The transport's own deadline is longer: the backend's is the one under test.
    const service = createCardService({ backend, logger: log.logger, transport: { timeoutMs: 10_000 } });
    services.push(service);
    return { service, log };
  };

  async function insert(service: CardService, card: VirtualCard, reader: string, faults?: FaultPlan) {
    const port = VPCD_PORTS[reader === READER_0 ? 0 : 1];
    for (let attempt = 1; ; attempt += 1) {
      const link = new VpcdLink(card, faults === undefined ? { port } : { port, faults });
      links.push(link);
      await link.insert();
      try {
        await until(() => cardIn(service.status(), reader) !== undefined, `card in ${reader}`);
        return link;
      } catch (error) {
        // Set-up, not the behaviour under test: right after a frozen host, vpcd's first insertion
        // is sometimes never reported (the suite's loaded runs show it); a second one is, or it fails.
        if (attempt === 2) throw error;
        await link.remove();
      }
    }
  }

  async function cps(): Promise<VirtualCps3> {
    const { auth, sign } = await pki.issueCps(DEMO_PRACTITIONER);
    return new VirtualCps3({ holder: DEMO_PRACTITIONER, auth, sign });
  }

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    pki = await cachedTestPki();
  });

  afterAll(async () => {
    for (const link of links) await link.remove();
    for (const service of services) await service.dispose();
    await pcscd?.stop();
  });

  it('a card mute mid-transmit: CARD_TIMEOUT in time, the other reader served meanwhile, no host replaced', async () => {
    const { service, log } = startService();
    await until(() => service.status().readers.length >= 2, 'both readers');
    const vitale = await insert(service, new VirtualVitale2({ beneficiaries: FAMILY }), READER_0, { muteFrom: 3 });
    await insert(service, await cps(), READER_1);

    const probe = lagProbe();
    const started = performance.now();
    const stuck = codeOf(service.readVitale(READER_0)).then((code) => ({ code, ms: performance.now() - started }));
    // While the Vitale's exchange hangs in pcscd, the CPS in the other reader answers.
    const login = await service.cpsHolder(READER_1);
    const servedAfter = performance.now() - started;
    expect(login.holder.nationalId).toBe('899900038839');
    expect(servedAfter).toBeLessThan(CALL_TIMEOUT_MS);
    const { code, ms } = await stuck;
    expect(code).toBe('CARD_TIMEOUT');
    expect(ms).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(CALL_TIMEOUT_MS + 1_000);
    // After the timeout: the same host (the CPS keeps its PIN state), both readers listed.
    expect(await service.verifyPin(READER_1, '1234')).toMatchObject({ verified: true });
    expect((await service.cpsHolder(READER_1)).pin.verified).toBe(true);
    expect(cardIn(service.status(), READER_0)?.kind).toBe('vitale2');
    expect(probe.stop()).toBeLessThan(MAX_LAG_MS);
    expect(log.text()).toContain('cards.pcsc_call_timeout');
    expect(log.text()).not.toContain('cards.pcsc_host_replaced');
    expect(hostPids(log.text())).toHaveLength(1);
    // Pulling the mute card frees pcscd; the reader works again with another card.
    await vitale.remove();
    await until(() => cardIn(service.status(), READER_0) === undefined, 'mute card pulled');
    await insert(service, new VirtualVitale2({ beneficiaries: FAMILY }), READER_0);
    expect(await service.readVitale(READER_0)).toHaveLength(1);
    for (const link of links.splice(0)) await link.remove();
    await service.dispose();
  });

  it('a host frozen in a native call: CARD_TIMEOUT in time, the host replaced, readers listed again', async () => {
    const { service, log } = startService();
    await until(() => service.status().readers.length >= 2, 'both readers');
    await insert(service, await cps(), READER_1);
    await insert(service, new VirtualVitale2({ beneficiaries: FAMILY }), READER_0);
    expect((await service.cpsHolder(READER_1)).holder.lastName).toBe('TRAL');
    const [frozen] = hostPids(log.text());
    // What a synchronous SCardDisconnect waiting on pcscd looks like from outside: a host that runs nothing.
    process.kill(frozen!, 'SIGSTOP');

    const probe = lagProbe();
    const started = performance.now();
    expect(await codeOf(service.cpsHolder(READER_1))).toBe('CARD_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(CALL_TIMEOUT_MS + 1_000);
    await until(() => hostPids(log.text()).length === 2, 'a new host');
    await until(() => service.status().readers.filter((r) => r.card !== undefined).length === 2, 'readers re-listed');
    expect(log.text()).toContain('"reason":"frozen"');
    expect(alive(frozen!)).toBe(false);
    // The new host serves both cards.
    expect((await service.cpsHolder(READER_1)).holder.lastName).toBe('TRAL');
    expect(await service.readVitale(READER_0)).toHaveLength(1);
    expect(probe.stop()).toBeLessThan(MAX_LAG_MS);
    for (const link of links.splice(0)) await link.remove();
    await service.dispose();
  });

  it('a card mute mid-disconnect: stopping gives up on it in time and the app reads cards again', async () => {
    const first = startService();
    await until(() => first.service.status().readers.length >= 2, 'both readers');
    const mute = await insert(first.service, await cps(), READER_1, { muteOnReset: true });
    await insert(first.service, new VirtualVitale2({ beneficiaries: FAMILY }), READER_0);
    expect((await first.service.cpsHolder(READER_1)).holder.lastName).toBe('TRAL');
    expect(await first.service.readVitale(READER_0)).toHaveLength(1);
    const [host] = hostPids(first.log.text());

    // Stopping resets the CPS (no login left behind); this one never comes back from the reset.
    const probe = lagProbe();
    const started = performance.now();
    await first.service.dispose();
    const stopMs = performance.now() - started;
    expect(stopMs).toBeGreaterThanOrEqual(STOP_TIMEOUT_MS - 50);
    expect(stopMs).toBeLessThan(2 * STOP_TIMEOUT_MS + 1_000);
    expect(first.log.text()).toMatch(/"event":"cards.pcsc_host_stuck","op":"stop","code":"CARD_TIMEOUT"/);
    expect(alive(host!)).toBe(false);
    expect(probe.stop()).toBeLessThan(MAX_LAG_MS);

    // The card service started again reads the Vitale in the other reader.
    const second = startService();
    await until(() => cardIn(second.service.status(), READER_0) !== undefined, 'Vitale seen again');
    expect(await second.service.readVitale(READER_0)).toHaveLength(1);
    await second.service.dispose();

    // Pulling the frozen card frees its reader: another CPS there logs in.
    await mute.remove();
    const third = startService();
    await until(() => third.service.status().readers.length >= 2, 'both readers');
    await until(() => cardIn(third.service.status(), READER_1) === undefined, 'frozen card gone');
    await insert(third.service, await cps(), READER_1);
    expect((await third.service.cpsHolder(READER_1)).holder.lastName).toBe('TRAL');
    for (const link of links.splice(0)) await link.remove();
    await third.service.dispose();
  });
});
