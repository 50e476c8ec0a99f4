import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/api';
import { CPS_PIN, CPS_READER, PATB_QUATRE_PERSON } from '../../support/desk-fixture';
import { useSimulatedDesk } from '../../support/simulated-dmp';

/**
 * The practitioner session is bound to the CPS in the reader: pulling the card ends it at once,
 * and no call succeeds on a VIHF signed before (the token cache goes with the card). Against the
 * national DMP simulator, whose access history shows what really reached it.
 */
const desk = useSimulatedDesk({ pkiName: 'practitioner-session' });
const INS = `${PATB_QUATRE_PERSON.active.nir13}${PATB_QUATRE_PERSON.active.key}`;
const nationalAccesses = (): number => desk.simulator.admin.accessHistory(INS).length;

describe('the practitioner session follows the CPS', () => {
  it('shows the holder and the PIN state, read from the card in the reader', async () => {
    const session = await desk.client.session.current({});
    expect(session).toMatchObject({
      ok: true,
      value: {
        practitioner: {
          reader: CPS_READER,
          lastName: 'LIBRE',
          firstName: 'MAX',
          profession: '10',
          specialty: 'SM26',
          pin: { verified: true },
        },
        dmpSignature: 'cps',
        patient: { patientId: desk.patientId, status: 'QUAL', family: 'PATB-QUATRE', given: 'LAURENCE' },
      },
    });
  });

  it('a CPS pulled between two calls ends the session: the second call never reaches the DMP', async () => {
    const changes: EventPayload<'session.changed'>[] = [];
    const off = desk.client.on('session.changed', (session) => changes.push(session));
    try {
      const first = await desk.client.dmp.checkAccess({ patientId: desk.patientId });
      expect(first).toMatchObject({ ok: true, value: { existence: 'exists' } });
      const afterFirst = nationalAccesses();

      desk.fixture.cpsReader.remove();
      // Told at once, before anyone tries a call.
      expect(changes.at(-1)?.practitioner).toBeNull();
      const second = await desk.client.dmp.checkAccess({ patientId: desk.patientId });
      expect(second).toMatchObject({ ok: false, error: { code: 'SESSION_PRACTITIONER_REQUIRED', retryable: true } });
      const documents = await desk.client.documents.search({ patientId: desk.patientId });
      expect(documents).toMatchObject({ ok: false, error: { code: 'SESSION_PRACTITIONER_REQUIRED' } });
      expect(nationalAccesses()).toBe(afterFirst);
    } finally {
      off();
      await desk.fixture.reinsertCps();
    }
  }, 60_000);

  it('the same card put back starts a new session: the PIN is asked again and no old token is reused', async () => {
    await desk.client.dmp.checkAccess({ patientId: desk.patientId });
    desk.fixture.cpsReader.remove();
    desk.fixture.cpsReader.insert(desk.fixture.cps);
    const before = desk.services.cards.counters().signatures;
    const locked = await desk.client.dmp.checkAccess({ patientId: desk.patientId });
    expect(locked).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } });
    const current = await desk.client.session.current({});
    expect(current.ok && current.value.practitioner?.pin.verified).toBe(false);

    expect(await desk.client.cards.verifyPin({ reader: CPS_READER, pin: CPS_PIN })).toMatchObject({ ok: true });
    const unlocked = await desk.client.dmp.checkAccess({ patientId: desk.patientId });
    expect(unlocked).toMatchObject({ ok: true });
    // A fresh VIHF, signed by the card now in the reader.
    expect(desk.services.cards.counters().signatures).toBeGreaterThan(before);
  }, 60_000);

  it('one VIHF signature serves the patient while it is valid, whatever the service', async () => {
    const before = desk.services.cards.counters().signatures;
    await desk.client.dmp.checkAccess({ patientId: desk.patientId });
    await desk.client.dmp.listProfessionals({ patientId: desk.patientId });
    await desk.client.documents.search({ patientId: desk.patientId });
    expect(desk.services.cards.counters().signatures - before).toBe(0);
    // Another patient gets a token of their own.
    const other = await desk.fixture.patientIdFor('180032B02040123');
    await desk.client.dmp.checkAccess({ patientId: other });
    expect(desk.services.cards.counters().signatures - before).toBe(1);
  }, 60_000);
});
