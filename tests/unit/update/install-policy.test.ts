import { describe, expect, it } from 'vitest';
import { decideInstall, isConsultationOpen, isInStagedRollout } from '../../../main/update/install-policy';

const idle = { patientInContext: false, openEmergencySessions: 0 };

describe('decideInstall', () => {
  it('installs a verified update now when no consultation is open', () => {
    expect(decideInstall({ state: 'ready', moment: 'now', consultation: idle })).toEqual({ allowed: true });
  });

  it('refuses to restart during a consultation: a patient in context or an open emergency access', () => {
    for (const consultation of [
      { patientInContext: true, openEmergencySessions: 0 },
      { patientInContext: false, openEmergencySessions: 1 },
    ]) {
      expect(decideInstall({ state: 'ready', moment: 'now', consultation })).toEqual({
        allowed: false,
        code: 'UPDATE_CONSULTATION_OPEN',
      });
    }
  });

  it('lets the user choose to install when they quit, even mid-consultation (quitting ends it)', () => {
    const consultation = { patientInContext: true, openEmergencySessions: 2 };
    expect(decideInstall({ state: 'ready', moment: 'on-quit', consultation })).toEqual({ allowed: true });
  });

  it.each(['idle', 'checking', 'downloading', 'refused'] as const)('never installs an update that is %s', (state) => {
    expect(decideInstall({ state, moment: 'on-quit', consultation: idle })).toEqual({
      allowed: false,
      code: 'UPDATE_NOT_DOWNLOADED',
    });
  });

  it('knows when a consultation is open', () => {
    expect(isConsultationOpen(idle)).toBe(false);
    expect(isConsultationOpen({ patientInContext: true, openEmergencySessions: 0 })).toBe(true);
  });
});

describe('isInStagedRollout (electron-updater rule: last 4 bytes of the staging id over 0xffffffff)', () => {
  const low = '00000000-0000-4000-8000-000000000010'; // position ≈ 0
  const middle = '00000000-0000-4000-8000-00007fffffff'; // position ≈ 0.5
  const high = '00000000-0000-4000-8000-0000fffffff0'; // position ≈ 1

  it('takes everyone when the channel file sets no percentage', () => {
    expect(isInStagedRollout(undefined, high)).toBe(true);
  });

  it('takes desks whose position is below the percentage only', () => {
    expect(isInStagedRollout(10, low)).toBe(true);
    expect(isInStagedRollout(10, middle)).toBe(false);
    expect(isInStagedRollout(60, middle)).toBe(true);
    expect(isInStagedRollout(99, high)).toBe(false);
    expect(isInStagedRollout(100, high)).toBe(true);
    expect(isInStagedRollout(0, low)).toBe(false);
  });

  it('keeps a desk out of a staged release when its staging id is not a UUID', () => {
    expect(isInStagedRollout(50, 'not-a-uuid')).toBe(false);
  });
});
