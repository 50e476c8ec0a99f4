import { describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../../simulators/cli/admin-command';
import { mergeFaults, parseFaultSpec, UsageError } from '../../../../simulators/cli/fault-spec';
import { AdminError, createAdmin } from '../../../../simulators/national-dmp/admin';
import { seedStore } from '../../../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../../../simulators/national-dmp/store/store';

describe('fault specs', () => {
  it('parses each kind of fault', () => {
    expect(parseFaultSpec('patients=latency:2000')).toEqual({ route: 'patients', rule: { latencyMs: 2000 } });
    expect(parseFaultSpec('*=timeout')).toEqual({ route: '*', rule: { timeout: true } });
    expect(parseFaultSpec('registry=http500').rule).toEqual({ http500: true });
    expect(parseFaultSpec('repository=drop').rule).toEqual({ drop: true });
    expect(parseFaultSpec('habilitations=soap:DMPInternalError').rule).toEqual({ soapFault: 'DMPInternalError' });
    expect(parseFaultSpec('patients=none').rule).toEqual({});
  });

  it('refuses unknown services, kinds and arguments with a usage message', () => {
    for (const bad of ['nowhere=drop', 'patients=explode', 'patients=latency:-1', 'patients=soap:<x>', 'patients']) {
      expect(() => parseFaultSpec(bad)).toThrow(UsageError);
    }
  });

  it('merges specs route by route, later ones winning', () => {
    expect(mergeFaults({ patients: { drop: true } }, ['*=http500', 'patients=latency:5'])).toEqual({
      patients: { latencyMs: 5 },
      '*': { http500: true },
    });
  });
});

describe('admin commands', () => {
  const admin = (): ReturnType<typeof createAdmin> => {
    const store = new SimulatorStore(':memory:');
    seedStore(store, new Date('2026-01-01T00:00:00Z'));
    return createAdmin(store);
  };

  it('applies patient-side actions and reports the state', () => {
    const a = admin();
    runAdminCommand(a, ['block', '297022A02077878', '899900071000']);
    runAdminCommand(a, ['oppose', '297022A02077878', 'bdg', 'on']);
    runAdminCommand(a, ['set-mt', '297022A02077878', '899900038839']);
    const shown = runAdminCommand(a, ['show', '297022A02077878']);
    expect(shown).toContain('opposition BdG');
    expect(shown).toContain('MT 899900038839');
    expect(shown).toContain('899900071000 INTERDITE');
    runAdminCommand(a, ['close', '297022A02077878']);
    expect(runAdminCommand(a, ['list'])).toMatch(/297022A02077878 .*FERMÉ/);
    expect(runAdminCommand(a, ['refuse-creation', 'on'])).toBe('creation refused');
  });

  it('stores faults for a running simulator and clears them', () => {
    const a = admin();
    runAdminCommand(a, ['fault', 'patients=http500', '*=latency:10']);
    expect(a.storedFaults()).toEqual({ patients: { http500: true }, '*': { latencyMs: 10 } });
    runAdminCommand(a, ['fault', 'clear']);
    expect(a.storedFaults()).toEqual({});
  });

  it('answers bad commands with usage or a coded error', () => {
    const a = admin();
    expect(() => runAdminCommand(a, ['oppose', '297022A02077878', 'bdg', 'maybe'])).toThrow(UsageError);
    expect(() => runAdminCommand(a, ['nonsense'])).toThrow(UsageError);
    expect(() => runAdminCommand(a, ['close', '160012B02077713'])).toThrow(AdminError);
  });
});
