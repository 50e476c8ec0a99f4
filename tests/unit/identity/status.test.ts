import { describe, expect, it } from 'vitest';
import { IDENTITY_EVENTS, mayShareIns, nextStatus, type IdentityEvent } from '../../../main/identity/status';
import { IDENTITY_STATUSES, type IdentityStatus } from '../../../shared/domain/identity';

/** The RNIV table, written as the two proofs each status stands for. */
const proofs: Record<IdentityStatus, { insi: boolean; document: boolean }> = {
  PROV: { insi: false, document: false },
  RECUP: { insi: true, document: false },
  VALI: { insi: false, document: true },
  QUAL: { insi: true, document: true },
};
const statusOf = (insi: boolean, document: boolean): IdentityStatus =>
  IDENTITY_STATUSES.find((s) => proofs[s].insi === insi && proofs[s].document === document) ?? 'PROV';

const expected = (status: IdentityStatus, event: IdentityEvent): IdentityStatus => {
  const { insi, document } = proofs[status];
  if (event === 'INSI_MATCHED') return statusOf(true, document);
  if (event === 'DOCUMENT_CHECKED') return statusOf(insi, true);
  if (event === 'DOCUMENT_VOIDED') return statusOf(insi, false);
  return 'PROV';
};

describe('identity status machine', () => {
  const cases = IDENTITY_STATUSES.flatMap((s) => IDENTITY_EVENTS.map((e) => [s, e] as const));

  it('covers every status x event pair', () => {
    expect(cases).toHaveLength(16);
  });

  it.each(cases)('%s + %s', (status, event) => {
    expect(nextStatus(status, event)).toBe(expected(status, event));
  });

  it('reaches QUAL by either order of the two proofs, and only with both', () => {
    expect(nextStatus(nextStatus('PROV', 'INSI_MATCHED'), 'DOCUMENT_CHECKED')).toBe('QUAL');
    expect(nextStatus(nextStatus('PROV', 'DOCUMENT_CHECKED'), 'INSI_MATCHED')).toBe('QUAL');
    expect(nextStatus(nextStatus('PROV', 'INSI_MATCHED'), 'INSI_MATCHED')).toBe('RECUP');
    expect(nextStatus(nextStatus('PROV', 'DOCUMENT_CHECKED'), 'DOCUMENT_CHECKED')).toBe('VALI');
  });

  it('lets the matricule leave the desk only when qualified', () => {
    expect(IDENTITY_STATUSES.filter(mayShareIns)).toEqual(['QUAL']);
  });
});
