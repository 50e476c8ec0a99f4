import { describe, expect, it } from 'vitest';
import type { CardService } from '../../../main/cards/card-service';
import { createIdentityService } from '../../../main/identity/identity-service';
import { silentLogger } from '../../../main/log/logger';
import { createPatientSessions } from '../../../main/session/patient-sessions';

/** Patients opened from typed traits: the card service is never asked. */
function sessions() {
  const identity = createIdentityService({ insi: undefined, logger: silentLogger });
  const patients = createPatientSessions({ identity, cards: {} as CardService, logger: silentLogger });
  let changes = 0;
  patients.onChange(() => (changes += 1));
  return { patients, changes: () => changes };
}

const TRAITS = { birthName: 'HOMONYME', firstNames: ['CAMILLE'], sex: 'F' as const, birthDate: '1990-05-12' };

describe('patient sessions', () => {
  it('clear leaves nobody in context and says so once', async () => {
    const { patients, changes } = sessions();
    const { patientId } = await patients.open({ traits: TRAITS });
    expect(patients.current()?.patientId).toBe(patientId);
    const before = changes();

    patients.clear();
    expect(patients.current()).toBeNull();
    expect(changes()).toBe(before + 1);
    // Already empty: nothing to tell.
    patients.clear();
    expect(changes()).toBe(before + 1);
    // The identity itself is still there, and can be put back in context.
    expect(patients.select(patientId).patientId).toBe(patientId);
  });
});
