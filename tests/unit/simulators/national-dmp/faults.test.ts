import { describe, expect, it } from 'vitest';
import { afterCommitFault, faultFor, type DmpFaults } from '../../../../simulators/national-dmp/faults';

describe('faultFor', () => {
  const faults: DmpFaults = { repository: { afterCommit: 'drop' }, '*': { afterCommit: 'http500' } };

  it("takes the service's own rule over the `*` rule", () => {
    expect(faultFor(faults, 'repository')).toEqual({ afterCommit: 'drop' });
    expect(faultFor(faults, 'registry')).toEqual({ afterCommit: 'http500' });
  });

  it('lets an empty rule of a service exempt it from `*`', () => {
    expect(faultFor({ ...faults, registry: {} }, 'registry')).toEqual({});
    expect(faultFor({ repository: { drop: true } }, 'patients')).toBeUndefined();
  });
});

describe('afterCommitFault', () => {
  it('loses the answer of an accepted transaction only', () => {
    expect(afterCommitFault({ afterCommit: 'drop' }, { accepted: true })).toBe('drop');
    expect(afterCommitFault({ afterCommit: 'http500' }, { accepted: true })).toBe('http500');
  });

  it('lets a refusal through: nothing was committed, so losing it would not be ambiguous', () => {
    expect(afterCommitFault({ afterCommit: 'drop' }, { accepted: false })).toBeUndefined();
    expect(afterCommitFault({ afterCommit: 'http500' }, { accepted: false })).toBeUndefined();
  });

  it('does nothing without an ambiguous rule', () => {
    expect(afterCommitFault(undefined, { accepted: true })).toBeUndefined();
    expect(afterCommitFault({ drop: true, latencyMs: 5 }, { accepted: true })).toBeUndefined();
  });
});
