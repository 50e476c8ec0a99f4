import { describe, expect, it } from 'vitest';
import { FAULT_SPEC_HELP, mergeFaults, parseFaultSpec, UsageError } from '../../../../simulators/cli/fault-spec';

describe('parseFaultSpec', () => {
  it('reads the two ambiguous kinds, on a service or on every service', () => {
    expect(parseFaultSpec('repository=store-then-drop')).toEqual({
      route: 'repository',
      rule: { afterCommit: 'drop' },
    });
    expect(parseFaultSpec('registry=store-then-500')).toEqual({ route: 'registry', rule: { afterCommit: 'http500' } });
    expect(parseFaultSpec(' *=store-then-drop ')).toEqual({ route: '*', rule: { afterCommit: 'drop' } });
  });

  it('still reads the faults applied before the transaction', () => {
    expect(parseFaultSpec('patients=latency:2000').rule).toEqual({ latencyMs: 2000 });
    expect(parseFaultSpec('habilitations=soap:DMPInternalError').rule).toEqual({ soapFault: 'DMPInternalError' });
    expect(parseFaultSpec('patients=http500').rule).toEqual({ http500: true });
    expect(parseFaultSpec('patients=drop').rule).toEqual({ drop: true });
    expect(parseFaultSpec('registry=none').rule).toEqual({});
  });

  it.each([
    ['repository=store-then-drop:3', /store-then-drop takes no argument/],
    ['repository=store-then-500:DMPInternalError', /store-then-500 takes no argument/],
    ['repository=drop:1', /drop takes no argument/],
    ['repository=store-then-501', /expected <service\|\*>=/],
    ['repository=store_then_drop', /expected <service\|\*>=/],
    ['repository=store-then', /expected <service\|\*>=/],
    ['documents=store-then-drop', /expected <service\|\*>=/],
    ['store-then-drop', /expected <service\|\*>=/],
    ['patients=latency:-5', /bad latency/],
  ])('refuses %s with a message that says why', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(UsageError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('names the ambiguous kinds in the help the CLI prints', () => {
    expect(FAULT_SPEC_HELP).toContain('store-then-drop');
    expect(FAULT_SPEC_HELP).toContain('store-then-500');
  });
});

describe('mergeFaults', () => {
  it('lets a later spec replace the rule of its route and keeps the others', () => {
    const merged = mergeFaults({ patients: { http500: true }, repository: { drop: true } }, [
      'repository=store-then-500',
      '*=latency:10',
    ]);
    expect(merged).toEqual({
      patients: { http500: true },
      repository: { afterCommit: 'http500' },
      '*': { latencyMs: 10 },
    });
  });
});
