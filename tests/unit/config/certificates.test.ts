import { beforeAll, describe, expect, it } from 'vitest';
import { certificateStatusFromPem, daysLeft, EXPIRY_WARNING_DAYS } from '../../../main/config/certificates';
import { testCertificate, type PemPair } from '../../support/pkcs12-fixtures';

const NOW = new Date('2026-12-05T09:00:00Z');
const at = (days: number, hours = 0) => new Date(NOW.getTime() + days * 86_400_000 + hours * 3_600_000);
let pem: (notAfter: Date) => Promise<PemPair>;

beforeAll(() => {
  pem = (notAfter) => testCertificate({ commonName: 'ORG-SIGN TEST', notBefore: at(-400), notAfter });
});

describe('certificate expiry', () => {
  it('counts whole days left, negative once past', () => {
    expect(daysLeft(at(10, 5), NOW)).toBe(10);
    expect(daysLeft(at(0, 23), NOW)).toBe(0);
    expect(daysLeft(at(-1), NOW)).toBe(-1);
  });

  it(`warns from ${EXPIRY_WARNING_DAYS} days before the end, and marks an expired certificate`, async () => {
    const status = async (notAfter: Date) => certificateStatusFromPem('signature', (await pem(notAfter)).certPem, NOW);
    expect(await status(at(61))).toMatchObject({ daysLeft: 61, warning: false, expired: false });
    expect(await status(at(60))).toMatchObject({ daysLeft: 60, warning: false, expired: false });
    expect(await status(at(59, 23))).toMatchObject({ daysLeft: 59, warning: true, expired: false });
    expect(await status(at(1))).toMatchObject({ daysLeft: 1, warning: true, expired: false });
    expect(await status(at(-2))).toMatchObject({ daysLeft: -2, warning: false, expired: true });
  });

  it('describes the certificate by its subject and end date', async () => {
    const status = certificateStatusFromPem('tls', (await pem(at(100))).certPem, NOW);
    expect(status).toEqual({
      role: 'tls',
      subject: 'CN=ORG-SIGN TEST, O=CENTRE DE SANTE TEST, C=FR',
      notAfter: at(100)
        .toISOString()
        .replace(/\.\d{3}Z$/, '.000Z'),
      daysLeft: 100,
      warning: false,
      expired: false,
    });
  });
});
