import { describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../../simulators/cli/admin-command';
import { AdminError, createAdmin } from '../../../../simulators/national-dmp/admin';
import { seedStore } from '../../../../simulators/national-dmp/seed';
import { SimulatorStore } from '../../../../simulators/national-dmp/store/store';

const EXAMPLE = '207058575627097';

describe('admin commands for documents', () => {
  const admin = (): ReturnType<typeof createAdmin> => {
    const store = new SimulatorStore(':memory:');
    seedStore(store, new Date('2026-01-01T00:00:00Z'));
    return createAdmin(store, () => new Date('2026-01-02T00:00:00Z'));
  };

  it('seeds training documents once and lists them with their status and masking', () => {
    const a = admin();
    expect(runAdminCommand(a, ['documents', EXAMPLE])).toBe('');
    expect(runAdminCommand(a, ['seed-documents'])).toBe('7 documents added');
    expect(runAdminCommand(a, ['seed-documents'])).toBe('0 documents added');
    const lines = runAdminCommand(a, ['documents', EXAMPLE]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((line) => line.includes('MASQUE_PS'))).toHaveLength(1);
    expect(lines.every((line) => line.includes(' v1 Approved'))).toBe(true);
  });

  it('resets to the seed, with or without the training documents', () => {
    const a = admin();
    runAdminCommand(a, ['close', EXAMPLE]);
    expect(runAdminCommand(a, ['reset'])).toMatch(/^reset: \d+ DMPs as seeded$/);
    expect(a.getDmp(EXAMPLE)?.status).toBe('active');
    expect(runAdminCommand(a, ['documents', EXAMPLE]).split('\n')).toHaveLength(3);
    runAdminCommand(a, ['reset', '--no-documents']);
    expect(runAdminCommand(a, ['documents', EXAMPLE])).toBe('');
    expect(() => runAdminCommand(a, ['reset', '--everything'])).toThrow(/unknown option/);
  });

  it('records the patient consent to masked documents in emergency access', () => {
    const a = admin();
    expect(runAdminCommand(a, ['masked-emergency', EXAMPLE, 'on'])).toBe('updated');
    expect(() => runAdminCommand(a, ['masked-emergency', '999999999999999', 'on'])).toThrow(AdminError);
    expect(() => runAdminCommand(a, ['documents', '999999999999999'])).toThrow(AdminError);
  });
});
