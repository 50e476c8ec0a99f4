import { spawn } from 'node:child_process';
import { verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardService, type CardService } from '../../../main/cards/card-service';
import { createPcscBackend } from '../../../main/cards/pcsc-backend';
import { createCpsSigner } from '../../../main/crypto/card-signer';
import type { CardsStatus } from '../../../shared/domain/cards';
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
import { cardIn, ensurePcscd, PCSCD_SOCKET, until, VPCD_READERS, type PcscdHandle } from '../../support/pcscd';
import { cachedTestPki } from '../../support/pcsc-virtual';

/**
 * Real pcscd + vpcd + virtual cards over TCP. One pcscd and two fixed ports are shared, so the
 * whole suite is sequential and lives in this one file.
 */

const [READER_0, READER_1] = VPCD_READERS;
const FAMILY = [
  { lastName: 'MARTIN', firstName: 'PHILIPPE', birthDate: '19610217', nir: '161027575428992' },
  { lastName: 'MARTIN', firstName: 'CATHERINE', birthDate: '19650123', nir: '265017785104471' },
  { lastName: 'MARTIN', firstName: 'DOMINIQUE', birthDate: '19790328', nir: '279035121518890' },
  { lastName: 'MARTIN', firstName: 'FRANCK', birthDate: '19380300', nir: '138039010402728' },
  { lastName: 'MARTIN-LÉGER', firstName: 'MARIE CLAUDE', birthDate: '19780600', nir: '178069222086450' },
];

async function failure(promise: Promise<unknown>): Promise<{ code: string; details?: unknown }> {
  try {
    await promise;
    return { code: 'resolved' };
  } catch (error) {
    if (!isAppError(error)) return { code: `untyped:${String(error)}` };
    return error.details === undefined ? { code: error.code } : { code: error.code, details: error.details };
  }
}

describe('cards over real pcscd and vpcd', () => {
  let pcscd: PcscdHandle;
  let pki: TestPki;
  let service: CardService;
  const log = memoryLogger();
  const links: VpcdLink[] = [];

  /** Inserts `card` on the vpcd port of `reader` and waits until pcscd and the service saw it. */
  async function insert(card: VirtualCard, reader: string, faults?: FaultPlan): Promise<VpcdLink> {
    const port = VPCD_PORTS[reader === READER_0 ? 0 : 1];
    const link = new VpcdLink(card, faults === undefined ? { port } : { port, faults });
    links.push(link);
    await link.insert();
    await until(() => cardIn(service.status(), reader) !== undefined, `card in ${reader}`);
    return link;
  }

  async function pull(link: VpcdLink, reader: string): Promise<void> {
    await link.remove();
    await until(() => cardIn(service.status(), reader) === undefined, `${reader} empty`);
  }

  async function freshCps(options: { triesLeft?: number } = {}): Promise<VirtualCps3> {
    const { auth, sign } = await pki.issueCps(DEMO_PRACTITIONER);
    return new VirtualCps3({ holder: DEMO_PRACTITIONER, auth, sign, ...options });
  }

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    pki = await cachedTestPki();
    service = createCardService({ backend: createPcscBackend({ logger: log.logger }), logger: log.logger });
    await until(() => service.status().readers.length >= 2, 'both vpcd readers');
  });

  afterAll(async () => {
    for (const link of links) await link.remove();
    await service?.dispose();
    await pcscd?.stop();
  });

  it('lists both vpcd readers, empty, with the service ready', () => {
    const status = service.status();
    expect(status.service).toBe('ready');
    expect(status.backend).toBe('pcsc');
    for (const name of VPCD_READERS) expect(status.readers.find((r) => r.name === name)).toEqual({ name });
  });

  it('reads a family carte Vitale with several beneficiaries, then sees it removed', async () => {
    const link = await insert(new VirtualVitale2({ beneficiaries: FAMILY }), READER_0);
    expect(cardIn(service.status(), READER_0)).toEqual({ kind: 'vitale2', atr: '3B751300004909EA9000' });
    const list = await service.readVitale(READER_0);
    expect(list.map((b) => [b.firstName, b.lastName, b.birthDate, b.nir])).toEqual(
      FAMILY.map((b) => [b.firstName, b.lastName, b.birthDate, b.nir]),
    );
    await pull(link, READER_0);
    expect(await failure(service.readVitale(READER_0))).toEqual({ code: 'CARD_ABSENT' });
  });

  it('logs in to a CPS, counts down wrong PINs, and signs with the card key', async () => {
    const link = await insert(await freshCps(), READER_1);
    const { holder, pin } = await service.cpsHolder(READER_1);
    expect(holder).toMatchObject({ nationalId: '899900038839', lastName: 'TRAL', profession: '10' });
    expect(pin).toEqual({ maxTries: 3, triesLeft: 3, verified: false });
    expect(await failure(service.verifyPin(READER_1, '9876'))).toEqual({
      code: 'PIN_WRONG',
      details: { triesLeft: 2 },
    });
    expect((await service.cpsHolder(READER_1)).pin.triesLeft).toBe(2);
    expect(await service.verifyPin(READER_1, '1234')).toEqual({ maxTries: 3, triesLeft: 3, verified: true });
    const signer = await createCpsSigner(service, READER_1);
    const data = new TextEncoder().encode('VIHF assertion bytes');
    const signature = await signer.sign(data);
    const key = new X509Certificate(Buffer.from(signer.certificateDer)).publicKey;
    expect(verify('sha256', data, key, signature)).toBe(true);
    expect(
      new X509Certificate(Buffer.from(signer.certificateDer)).verify(new X509Certificate(pki.caCertPem).publicKey),
    ).toBe(true);
    expect(log.text()).not.toMatch(/1234|9876|31323334/);
    await pull(link, READER_1);
    expect(await failure(signer.sign(data))).toEqual({ code: 'CARD_REMOVED' });
  });

  it('blocks the PIN after the last wrong try', async () => {
    const link = await insert(await freshCps({ triesLeft: 1 }), READER_1);
    expect(await failure(service.verifyPin(READER_1, '0000'))).toEqual({ code: 'PIN_BLOCKED' });
    expect(await failure(service.verifyPin(READER_1, '1234'))).toEqual({ code: 'PIN_BLOCKED' });
    expect((await service.cpsHolder(READER_1)).pin).toEqual({ maxTries: 3, triesLeft: 0, verified: false });
    await pull(link, READER_1);
  });

  it('turns a card pulled mid-read into CARD_REMOVED', async () => {
    const link = await insert(new VirtualVitale2({ beneficiaries: FAMILY }), READER_0, { removeAfter: 2 });
    expect(await failure(service.readVitale(READER_0))).toEqual({ code: 'CARD_REMOVED' });
    await until(() => !link.connected && cardIn(service.status(), READER_0) === undefined, 'removal seen');
  });

  it('types malformed answers: truncated TLV, bad lengths, unknown status words', async () => {
    const cases: { faults: FaultPlan; code: string }[] = [
      {
        faults: { corrupt: { at: 3, response: (r) => Uint8Array.of(...r.subarray(0, 12), 0x90, 0x00) } },
        code: 'CARD_MALFORMED_RESPONSE',
      },
      {
        faults: { corrupt: { at: 3, response: (r) => Uint8Array.of(0x65, 0x84, ...r.subarray(2)) } },
        code: 'CARD_MALFORMED_RESPONSE',
      },
      { faults: { statusFrom: { at: 1, sw: 0x6f42 } }, code: 'CARD_UNEXPECTED_STATUS' },
    ];
    for (const { faults, code } of cases) {
      const link = await insert(new VirtualVitale2({ beneficiaries: FAMILY }), READER_0, faults);
      expect((await failure(service.readVitale(READER_0))).code).toBe(code);
      await pull(link, READER_0);
    }
  });

  it('recognises a Vitale 1 by its inverse-convention ATR and refuses it as unsupported', async () => {
    const vitale1 = Object.assign(new VirtualVitale2({ beneficiaries: FAMILY }), {
      atr: Uint8Array.from(Buffer.from('3F65250052096A9000', 'hex')),
    });
    const link = await insert(vitale1, READER_0);
    expect(cardIn(service.status(), READER_0)).toEqual({ kind: 'vitale1', atr: '3F65250052096A9000' });
    expect(await failure(service.readVitale(READER_0))).toEqual({
      code: 'CARD_UNSUPPORTED',
      details: { kind: 'vitale1' },
    });
    expect(link.apdus).toBe(0);
    await pull(link, READER_0);
  });

  it('serves a Vitale and a CPS in two readers at once', async () => {
    const vitale = await insert(new VirtualVitale2({ beneficiaries: FAMILY }), READER_0);
    const cps = await insert(await freshCps(), READER_1);
    const [family, login] = await Promise.all([service.readVitale(READER_0), service.cpsHolder(READER_1)]);
    expect(family).toHaveLength(FAMILY.length);
    expect(login.holder.nationalId).toBe('899900038839');
    expect(await failure(service.readVitale(READER_1))).toMatchObject({ code: 'CARD_WRONG_KIND' });
    await pull(vitale, READER_0);
    await pull(cps, READER_1);
  });

  it('leaves no handle behind after dispose, with pcscd up or unreachable', async () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    const runChild = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', resolve(root, 'tests/support/pcsc-dispose-child.ts')],
          {
            cwd: root,
            env: { ...process.env, ...env },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        // Exiting on its own is the assertion; the kill only bounds a failure.
        const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', (code) => {
          clearTimeout(guard);
          done({ code, out: out.trim() });
        });
      });
    expect(await runChild({})).toEqual({ code: 0, out: 'ready' });
    expect(await runChild({ PCSCLITE_CSOCK_NAME: join(tmpdir(), 'dmp-no-pcscd', 'pcscd.comm') })).toEqual({
      code: 0,
      out: 'unavailable',
    });
  });

  it('reports PCSC_UNAVAILABLE while pcscd is unreachable and recovers by itself when it appears', async () => {
    // Own process: libpcsclite reads PCSCLITE_CSOCK_NAME once, so point it at a socket that appears later.
    const dir = mkdtempSync(join(tmpdir(), 'dmp-pcsc-'));
    const socket = join(dir, 'pcscd.comm');
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'tests/support/pcsc-recovery-child.ts')], {
      cwd: root,
      env: { ...process.env, PCSCLITE_CSOCK_NAME: socket },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const states: CardsStatus[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => states.push(JSON.parse(line) as CardsStatus));
    try {
      await until(() => states.some((s) => s.service === 'unavailable'), 'unavailable state', 15_000);
      expect(states.at(-1)).toEqual({ backend: 'pcsc', service: 'unavailable', readers: [] });
      symlinkSync(PCSCD_SOCKET, socket);
      await until(() => (states.at(-1)?.readers.length ?? 0) >= 2, 'recovery with readers', 15_000);
      expect(states.at(-1)?.service).toBe('ready');
    } finally {
      child.stdin.end();
      await new Promise((done) => child.once('exit', done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
