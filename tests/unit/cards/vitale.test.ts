import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { DEMO_FAMILY, VirtualVitale2, type VitaleBeneficiaryData } from '../../../simulators/cards';
import { memoryLogger } from '../../support/memory-logger';
import { virtualCardStack } from '../../support/pcsc-virtual';
import { vectorsPath } from '../../support/vectors';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isAppError(error) ? error.code : `untyped:${String(error)}`;
  }
}

/** Beneficiaries built from the public INS-C sample: real first names, NIRs with keys, lunar dates. */
function insCSampleFamily(count: number, from = 2): VitaleBeneficiaryData[] {
  const rows = readFileSync(vectorsPath('insc', 'Echantillon_de_test_INSC.csv'), 'latin1').split(/\r?\n/);
  return rows.slice(from, from + count).map((row, index) => {
    const [firstName = '', date = '', nir = '', key = ''] = row.split(';');
    const century = Number(date.slice(0, 2)) > 25 ? '19' : '20';
    return { lastName: `FAMILLE${index}`, firstName, birthDate: `${century}${date}`, nir: `${nir}${key}` };
  });
}

describe('carte Vitale 2 over the in-process stack', () => {
  it('lists every beneficiary with names, birth date as stored and NIR with key, in 6 APDUs', async () => {
    const log = memoryLogger();
    const { readers, service } = virtualCardStack(undefined, { logger: log.logger });
    readers[0]?.insert(new VirtualVitale2({ beneficiaries: DEMO_FAMILY }));
    const before = service.status();
    expect(before.readers[0]?.card?.kind).toBe('vitale2');
    const list = await service.readVitale('Slot 0');
    expect(list).toEqual(
      DEMO_FAMILY.map((b, index) => ({
        index,
        lastName: b.lastName,
        firstName: b.firstName,
        birthDate: b.birthDate,
        nir: b.nir,
      })),
    );
    expect(list.find((b) => b.birthDate === '19380300')?.firstName).toBe('FRANCK');
    expect(list[0]?.nir).toBe('180032B02040123');
    // SELECT, READ BINARY + 6Cxx resend, twice: the minimal sequence for identity + NIR.
    expect(log.lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ event: 'cards.flow', step: 'read-vitale', apdus: 6 }),
    );
    // No health data in logs: neither names nor NIRs.
    expect(log.text()).not.toMatch(/CORSE|180032B|ANTHONY/);
    await service.dispose();
  });

  it('reads a family file larger than one READ BINARY, with Latin-1 names and nationality', async () => {
    const family = insCSampleFamily(7);
    family[1] = { ...family[1]!, lastName: 'LÉVÊQUE', nationality: 'FRANCAISE' };
    const { readers, service } = virtualCardStack();
    readers[1]?.insert(new VirtualVitale2({ beneficiaries: family, atrVariant: 0xb }));
    const list = await service.readVitale('Slot 1');
    expect(list).toHaveLength(7);
    expect(list[1]).toMatchObject({ lastName: 'LÉVÊQUE', nationality: 'FRANCAISE' });
    expect(list.map((b) => b.nir)).toEqual(family.map((b) => b.nir));
    expect(list.map((b) => b.birthDate)).toEqual(family.map((b) => b.birthDate));
  });

  it('refuses Vitale 1 and unknown cards with CARD_UNSUPPORTED, and a CPS with CARD_WRONG_KIND', async () => {
    const { readers, service } = virtualCardStack();
    const vitale1 = Object.assign(new VirtualVitale2({ beneficiaries: DEMO_FAMILY }), {
      atr: Uint8Array.from(Buffer.from('3F65250052096A9000', 'hex')),
    });
    readers[0]?.insert(vitale1);
    expect(service.status().readers[0]?.card?.kind).toBe('vitale1');
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_UNSUPPORTED');
    expect(await codeOf(service.cpsHolder('Slot 0'))).toBe('CARD_UNSUPPORTED');
    readers[0]?.insert(
      Object.assign(new VirtualVitale2({ beneficiaries: DEMO_FAMILY }), { atr: Uint8Array.of(0x3b, 0x00) }),
    );
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_UNSUPPORTED');
    expect(await codeOf(service.readVitale('Slot 1'))).toBe('CARD_ABSENT');
    expect(await codeOf(service.readVitale('Nope'))).toBe('CARD_READER_NOT_FOUND');
    expect(await codeOf(service.cpsHolder('Slot 0'))).toBe('CARD_UNSUPPORTED');
  });

  it('turns a card pulled mid-read into CARD_REMOVED, and reads again once reinserted', async () => {
    const { readers, service } = virtualCardStack();
    const card = new VirtualVitale2({ beneficiaries: DEMO_FAMILY });
    readers[0]?.insert(card, { removeAfter: 3 });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_REMOVED');
    expect(service.status().readers[0]?.card).toBeUndefined();
    readers[0]?.insert(card);
    expect(await service.readVitale('Slot 0')).toHaveLength(DEMO_FAMILY.length);
  });

  it('maps truncated TLV, bad lengths, odd status words and a mute card to typed errors', async () => {
    const { readers, service } = virtualCardStack(['Slot 0'], { timeoutMs: 100 });
    const card = new VirtualVitale2({ beneficiaries: DEMO_FAMILY });
    // APDU 3 is the resent READ BINARY of the identity file.
    readers[0]?.insert(card, { corrupt: { at: 3, response: (r) => Uint8Array.of(...r.subarray(0, 10), 0x90, 0x00) } });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_MALFORMED_RESPONSE');
    readers[0]?.insert(card, { corrupt: { at: 3, response: (r) => Uint8Array.of(0x65, 0x83, ...r.subarray(2)) } });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_MALFORMED_RESPONSE');
    readers[0]?.insert(card, { statusFrom: { at: 2, sw: 0x6f00 } });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_UNEXPECTED_STATUS');
    readers[0]?.insert(card, { corrupt: { at: 1, response: () => Uint8Array.of(0x12, 0x34) } });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_MALFORMED_RESPONSE');
    readers[0]?.insert(card, { corrupt: { at: 2, response: () => Uint8Array.of(0x90) } });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_MALFORMED_RESPONSE');
    readers[0]?.insert(card, { muteFrom: 2 });
    expect(await codeOf(service.readVitale('Slot 0'))).toBe('CARD_TIMEOUT');
  });
});
