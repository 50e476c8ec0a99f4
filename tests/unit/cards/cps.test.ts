import { createHash, verify, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCpsAuthenticator, createCpsSigner } from '../../../main/crypto/card-signer';
import { isAppError } from '../../../shared/errors';
import { createDemoCards, DEMO_PRACTITIONER, VirtualCps3, VirtualVitale2 } from '../../../simulators/cards';
import type { TestPki } from '../../../simulators/pki';
import { memoryLogger } from '../../support/memory-logger';
import { cachedTestPki, virtualCardStack } from '../../support/pcsc-virtual';

async function failure(promise: Promise<unknown>): Promise<{ code: string; details?: unknown }> {
  try {
    await promise;
    return { code: 'resolved' };
  } catch (error) {
    if (!isAppError(error)) return { code: `untyped:${String(error)}` };
    return error.details === undefined ? { code: error.code } : { code: error.code, details: error.details };
  }
}

describe('CPS3 over the in-process stack', () => {
  let pki: TestPki;
  let cards: Awaited<ReturnType<typeof createDemoCards>>;

  beforeAll(async () => {
    pki = await cachedTestPki();
    cards = await createDemoCards({ pki });
  });

  const freshCps = async (options: { triesLeft?: number } = {}) => {
    const { auth, sign } = await pki.issueCps(DEMO_PRACTITIONER);
    return new VirtualCps3({ holder: DEMO_PRACTITIONER, auth, sign, ...options });
  };

  it('reads the holder identity and the PIN counter without a PIN', async () => {
    const { readers, service } = virtualCardStack();
    readers[0]?.insert(await freshCps());
    expect(service.status().readers[0]?.card).toEqual({ kind: 'cps3', atr: '3BAC00402A001225006480000310009000' });
    const { holder, pin } = await service.cpsHolder('Slot 0');
    expect(holder).toEqual({
      nationalId: '899900038839',
      nationalIdType: '8',
      lastName: 'TRAL',
      firstName: 'ADEMIS',
      profession: '10',
      specialty: 'SM26',
    });
    expect(pin).toEqual({ maxTries: 3, triesLeft: 3, verified: false });
    expect(await failure(service.readVitale('Slot 0'))).toEqual({
      code: 'CARD_WRONG_KIND',
      details: { kind: 'cps3', expected: 'vitale2' },
    });
  });

  it('counts down on a wrong PIN, resets on the right one, and blocks after three', async () => {
    const log = memoryLogger();
    const { readers, service } = virtualCardStack(undefined, { logger: log.logger });
    const card = await freshCps();
    readers[0]?.insert(card);
    expect(await failure(service.verifyPin('Slot 0', '0000'))).toEqual({
      code: 'PIN_WRONG',
      details: { triesLeft: 2 },
    });
    expect((await service.cpsHolder('Slot 0')).pin).toEqual({ maxTries: 3, triesLeft: 2, verified: false });
    expect(await service.verifyPin('Slot 0', '1234')).toEqual({ maxTries: 3, triesLeft: 3, verified: true });
    expect(await failure(service.verifyPin('Slot 0', '12a4'))).toEqual({ code: 'PIN_FORMAT' });
    expect(card.pinTriesLeft).toBe(3);
    expect(await failure(service.verifyPin('Slot 0', '1111'))).toEqual({
      code: 'PIN_WRONG',
      details: { triesLeft: 2 },
    });
    expect(await failure(service.verifyPin('Slot 0', '2222'))).toEqual({
      code: 'PIN_WRONG',
      details: { triesLeft: 1 },
    });
    expect(await failure(service.verifyPin('Slot 0', '3333'))).toEqual({ code: 'PIN_BLOCKED' });
    expect(await failure(service.verifyPin('Slot 0', '1234'))).toEqual({ code: 'PIN_BLOCKED' });
    expect((await service.cpsHolder('Slot 0')).pin).toEqual({ maxTries: 3, triesLeft: 0, verified: false });
    // The PIN never reaches a log line, neither as text nor as APDU bytes.
    expect(log.text()).not.toMatch(/1234|31323334|1111|3333/);
  });

  it('signs with the signature key and authenticates with the auth key, both verified by their certificate', async () => {
    const { readers, service } = virtualCardStack();
    readers[0]?.insert(cards.cps);
    const signer = await createCpsSigner(service, 'Slot 0');
    const authenticator = await createCpsAuthenticator(service, 'Slot 0');
    const { auth, sign } = await pki.issueCps(DEMO_PRACTITIONER);
    expect(Buffer.from(signer.certificateDer)).toEqual(Buffer.from(sign.certDer));
    expect(Buffer.from(authenticator.certificateDer)).toEqual(Buffer.from(auth.certDer));
    const data = new TextEncoder().encode('<saml2:Assertion>…</saml2:Assertion>');
    expect(await failure(signer.sign(data))).toEqual({ code: 'PIN_REQUIRED' });
    await service.verifyPin('Slot 0', '1234');
    const signature = await signer.sign(data);
    const signKey = new X509Certificate(Buffer.from(signer.certificateDer)).publicKey;
    const authKey = new X509Certificate(Buffer.from(authenticator.certificateDer)).publicKey;
    expect(verify('sha256', data, signKey, signature)).toBe(true);
    expect(verify('sha256', data, authKey, signature)).toBe(false);
    const proof = await authenticator.sign(data);
    expect(verify('sha256', data, authKey, proof)).toBe(true);
    expect(verify('sha256', createHash('sha256').update('other').digest(), authKey, proof)).toBe(false);
  });

  it('fails a signer with CARD_REMOVED once its card is pulled, even if another CPS goes in', async () => {
    const { readers, service } = virtualCardStack();
    readers[0]?.insert(cards.cps);
    await service.verifyPin('Slot 0', '1234');
    const signer = await createCpsSigner(service, 'Slot 0');
    readers[0]?.remove();
    expect(await failure(signer.sign(Uint8Array.of(1)))).toEqual({ code: 'CARD_REMOVED' });
    readers[0]?.insert(cards.cps);
    expect(await failure(signer.sign(Uint8Array.of(1)))).toEqual({ code: 'CARD_REMOVED' });
    // The new insertion is a new session: the PIN must be presented again.
    expect((await service.cpsHolder('Slot 0')).pin.verified).toBe(false);
  });

  it('logs in with the minimal sequence: 6 APDUs for identity + counter, 1 for VERIFY', async () => {
    const log = memoryLogger();
    const { readers, service } = virtualCardStack(undefined, { logger: log.logger });
    readers[0]?.insert(await freshCps());
    await service.cpsHolder('Slot 0');
    expect(await service.verifyPin('Slot 0', '1234')).toEqual({ maxTries: 3, triesLeft: 3, verified: true });
    const flows = log.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l['event'] === 'cards.flow');
    expect(flows.map((l) => [l['step'], l['apdus']])).toEqual([
      ['cps-holder', 6],
      ['verify-pin', 1],
    ]);
  });

  it('serialises concurrent flows on one card, and forgets the PIN when the card does', async () => {
    const { readers, service } = virtualCardStack();
    const card = await freshCps();
    readers[0]?.insert(card);
    const [holder, pin, again] = await Promise.all([
      service.cpsHolder('Slot 0'),
      service.verifyPin('Slot 0', '1234'),
      service.cpsHolder('Slot 0'),
    ]);
    expect(holder.holder.lastName).toBe('TRAL');
    expect(pin.verified).toBe(true);
    expect(again.pin.verified).toBe(true);
    const signer = await createCpsSigner(service, 'Slot 0');
    card.reset();
    expect(await failure(signer.sign(Uint8Array.of(7)))).toEqual({ code: 'PIN_REQUIRED' });
    expect((await service.cpsHolder('Slot 0')).pin.verified).toBe(false);
  });

  it('serves both cards in two readers at once', async () => {
    const { readers, service } = virtualCardStack();
    readers[0]?.insert(new VirtualVitale2({ beneficiaries: [] }));
    readers[0]?.insert(cards.vitale);
    readers[1]?.insert(await freshCps());
    const [family, cps] = await Promise.all([service.readVitale('Slot 0'), service.cpsHolder('Slot 1')]);
    expect(family.length).toBeGreaterThan(1);
    expect(cps.holder.nationalId).toBe('899900038839');
  });

  it('maps odd answers from the CPS to typed errors', async () => {
    const { readers, service } = virtualCardStack();
    const card = await freshCps();
    readers[0]?.insert(card, {
      corrupt: { at: 2, response: (r) => Uint8Array.of(0xa0, 0x20, ...r.subarray(2, 6), 0x90, 0x00) },
    });
    expect((await failure(service.cpsHolder('Slot 0'))).code).toBe('CARD_MALFORMED_RESPONSE');
    readers[0]?.insert(card, { statusFrom: { at: 1, sw: 0x6a82 } });
    expect(await failure(service.cpsHolder('Slot 0'))).toEqual({
      code: 'CARD_UNEXPECTED_STATUS',
      details: { sw: '6A82', step: 'select-holder' },
    });
    readers[0]?.insert(card, { statusFrom: { at: 1, sw: 0x6f00 } });
    expect((await failure(service.verifyPin('Slot 0', '1234'))).code).toBe('CARD_UNEXPECTED_STATUS');
    readers[0]?.insert(card, { removeAfter: 4 });
    expect(await failure(service.cpsHolder('Slot 0'))).toEqual({ code: 'CARD_REMOVED' });
  });
});
