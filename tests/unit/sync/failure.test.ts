import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { backoffDelay, failureVerdict } from '../../../main/sync/failure';

describe('failureVerdict', () => {
  it('reads a duplicate uniqueId as delivered', () => {
    const duplicate = new AppError('DOC_REGISTRY_ERROR', { details: { errorCode: 'XDSDuplicateUniqueIdInRegistry' } });
    expect(failureVerdict(duplicate)).toBe('delivered');
    const other = new AppError('DOC_REGISTRY_ERROR', { details: { errorCode: 'XDSRegistryMetadataError' } });
    expect(failureVerdict(other)).toBe('permanent');
  });

  it('tells a request that never left from one that may have arrived', () => {
    const refused = new AppError('SERVICE_UNAVAILABLE', { details: { errno: 'ECONNREFUSED' } });
    const reset = new AppError('SERVICE_UNAVAILABLE', { details: { errno: 'ECONNRESET' } });
    expect(failureVerdict(refused)).toBe('not_sent');
    expect(failureVerdict(reset)).toBe('ambiguous');
    expect(failureVerdict(new AppError('SERVICE_TIMEOUT'))).toBe('ambiguous');
    expect(failureVerdict(new AppError('SERVICE_HTTP_ERROR', { details: { status: 500 } }))).toBe('ambiguous');
    expect(failureVerdict(new AppError('PROXY_UNREACHABLE'))).toBe('not_sent');
  });

  it('waits for the card when no one can sign, and stops on refusals and unknown errors', () => {
    expect(failureVerdict(new AppError('CARD_REMOVED'))).toBe('no_signer');
    expect(failureVerdict(new AppError('SESSION_PRACTITIONER_REQUIRED'))).toBe('no_signer');
    expect(failureVerdict(new AppError('DMP_ACCESS_DENIED'))).toBe('permanent');
    expect(failureVerdict(new AppError('SERVICE_HTTP_ERROR', { details: { status: 400 }, retryable: false }))).toBe(
      'permanent',
    );
    expect(failureVerdict(new Error('bug'))).toBe('permanent');
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles from the base up to the cap, in the upper half of each step', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(backoffDelay(20, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(500, policy, () => 0.5)).toBe(45_000);
  });

  it('spreads desks that failed together', () => {
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(draws.size).toBeGreaterThan(10);
    for (const delay of draws) expect(delay).toBeGreaterThanOrEqual(2_000);
    for (const delay of draws) expect(delay).toBeLessThanOrEqual(4_000);
  });
});
