import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSignatureCertificate, parseInsCx } from '../../../../simulators/national-dmp/vihf';
import { createTestPki } from '../../../../simulators/pki';

describe('parseInsCx', () => {
  it('reads the INS of the VIHF resource-id, Corsican NIRs included', () => {
    expect(parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH')).toEqual({
      nir: '207058575627097',
      oid: '1.2.250.1.213.1.4.10',
    });
    expect(parseInsCx('297022A02077878^^^&1.2.250.1.213.1.4.8&ISO^NH')?.nir).toBe('297022A02077878');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '207058575627097',
      '2070585756270^^^&1.2.250.1.213.1.4.10&ISO^NH',
      '207058575627097^^^&x&ISO^PI',
    ]) {
      expect(parseInsCx(bad)).toBeUndefined();
    }
  });
});

it('tells a signature certificate (nonRepudiation) from a TLS authentication one', async () => {
  const pki = await createTestPki({ seedDir: resolve(import.meta.dirname, '../../../../.tmp/pki-dmp-simulator') });
  const card = await pki.issueCps({
    nationalId: '899900063480',
    lastName: 'LIBRE',
    firstName: 'MAX',
    profession: '10',
  });
  expect(isSignatureCertificate(card.sign.certDer)).toBe(true);
  expect(isSignatureCertificate(card.auth.certDer)).toBe(false);
});
