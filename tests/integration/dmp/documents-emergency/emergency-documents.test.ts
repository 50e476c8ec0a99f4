import { describe, expect, it } from 'vitest';
import type { DmpEmergencySession, DmpPatientRef } from '../../../../shared/api';
import { useSimulatedDesk } from '../../../support/simulated-dmp';

/**
 * Document calls under an emergency session, through the real router and service graph against
 * the national DMP simulator: the renderer names the session, main supplies mode and reason.
 */
const NIR = '1.2.250.1.213.1.4.8';
// Seeded: an active DMP on which the example doctor has no authorization.
const UNAUTHORIZED = { matricule: '297022A02077878', oid: NIR } as const;
// Seeded: the example doctor is authorized and MT; used as "another patient".
const EXAMPLE = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const CONSULTATION = {
  code: '11488-4',
  codeSystem: '2.16.840.1.113883.6.1',
  displayName: 'CR ou fiche de consultation ou de visite',
} as const;
// Words a log reader must never see: the reason may describe the patient's condition.
const REASON = 'Coma hypoglycémique, traitement habituel inconnu';
const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n% ${Math.random().toString(36)}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  'latin1',
);

const desk = useSimulatedDesk({ pkiName: 'documents-emergency' });
const { log } = desk;

/** Main names patients by the id of a qualified identity: each INS is qualified through INSi once. */
const idOf = (patient: DmpPatientRef): Promise<string> => desk.fixture.patientIdFor(patient.matricule);

const history = (patient: DmpPatientRef) => desk.simulator.admin.accessHistory(patient.matricule);

async function deposit(
  patient: DmpPatientRef,
  visibility: ('MASQUE_PS' | 'INVISIBLE_PATIENT')[] = [],
): Promise<string> {
  const result = await desk.client.documents.deposit({
    patientId: await idOf(patient),
    title: 'Bilan avant urgence',
    type: CONSULTATION,
    pdfBase64: PDF.toString('base64'),
    visibility,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.uniqueId;
}

async function openSession(patient: DmpPatientRef, mode: 'bris_de_glace' | 'centre_15'): Promise<DmpEmergencySession> {
  const patientId = await idOf(patient);
  const access = await desk.client.dmp.checkAccess({ patientId, accessMode: mode, emergencyReason: REASON });
  if (!access.ok) throw new Error(access.error.code);
  const sessions = await desk.client.dmp.emergencySessions({});
  if (!sessions.ok) throw new Error(sessions.error.code);
  const session = sessions.value.sessions.find((s) => s.mode === mode && s.patientId === patientId);
  if (session === undefined) throw new Error('no session opened');
  return session;
}

async function endSession(id: string): Promise<void> {
  const ended = await desk.client.dmp.endEmergencySession({ id });
  if (!ended.ok) throw new Error(ended.error.code);
}

describe('document calls in an emergency session', () => {
  it('refuses TD3.1 to an unauthorized doctor in normal mode; in bris de glace the search and the read succeed and are traced with mode and reason', async () => {
    const uniqueId = await deposit(UNAUTHORIZED);

    const refused = await desk.client.documents.search({ patientId: await idOf(UNAUTHORIZED) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DMP_ACCESS_DENIED' } });

    const session = await openSession(UNAUTHORIZED, 'bris_de_glace');
    const before = history(UNAUTHORIZED).length;
    const found = await desk.client.documents.search({
      patientId: await idOf(UNAUTHORIZED),
      emergencySessionId: session.id,
    });
    if (!found.ok) throw new Error(found.error.code);
    expect(found.value.documents.map((d) => d.uniqueId)).toContain(uniqueId);

    const read = await desk.client.documents.retrieve({
      patientId: await idOf(UNAUTHORIZED),
      uniqueId,
      emergencySessionId: session.id,
    });
    if (!read.ok) throw new Error(read.error.code);
    const content = 'contentBase64' in read.value ? read.value.contentBase64 : '';
    expect(Buffer.from(content, 'base64').equals(PDF)).toBe(true);

    expect(history(UNAUTHORIZED).slice(before)).toEqual([
      expect.objectContaining({ transaction: 'TD3.1', accessMode: 'bris_de_glace', outcome: 'allow', reason: REASON }),
      expect.objectContaining({
        transaction: 'TD3.2',
        accessMode: 'bris_de_glace',
        outcome: 'allow',
        reason: REASON,
        documentUniqueId: uniqueId,
      }),
    ]);
    // Main logs the mode of each call, never the reason.
    expect(log.text()).toContain('bris_de_glace');
    expect(log.text()).not.toContain('hypoglycémique');
    await endSession(session.id);
  }, 60_000);

  it('a centre 15 session reaches the DMP in régulation mode', async () => {
    const session = await openSession(UNAUTHORIZED, 'centre_15');
    const before = history(UNAUTHORIZED).length;
    const found = await desk.client.documents.search({
      patientId: await idOf(UNAUTHORIZED),
      emergencySessionId: session.id,
    });
    expect(found.ok).toBe(true);
    expect(history(UNAUTHORIZED).slice(before)).toEqual([
      expect.objectContaining({ transaction: 'TD3.1', accessMode: 'regulation', reason: REASON }),
    ]);
    await endSession(session.id);
  }, 60_000);

  it('after the session ends, the next emergency document call is DMP_EMERGENCY_SESSION_UNKNOWN and never reaches the DMP', async () => {
    const session = await openSession(UNAUTHORIZED, 'bris_de_glace');
    await endSession(session.id);
    const before = desk.simulator.admin.accessHistory().length;
    const search = await desk.client.documents.search({
      patientId: await idOf(UNAUTHORIZED),
      emergencySessionId: session.id,
    });
    expect(search).toMatchObject({ ok: false, error: { code: 'DMP_EMERGENCY_SESSION_UNKNOWN' } });
    const read = await desk.client.documents.retrieve({
      patientId: await idOf(UNAUTHORIZED),
      uniqueId: '1.2.250.1.213.4.1.9.1',
      emergencySessionId: session.id,
    });
    expect(read).toMatchObject({ ok: false, error: { code: 'DMP_EMERGENCY_SESSION_UNKNOWN' } });
    expect(desk.simulator.admin.accessHistory()).toHaveLength(before);
  }, 60_000);

  it('refuses a session opened for another patient, before anything reaches the DMP', async () => {
    const session = await openSession(UNAUTHORIZED, 'bris_de_glace');
    const before = desk.simulator.admin.accessHistory().length;
    const search = await desk.client.documents.search({
      patientId: await idOf(EXAMPLE),
      emergencySessionId: session.id,
    });
    expect(search).toMatchObject({
      ok: false,
      error: { code: 'DMP_EMERGENCY_SESSION_OTHER_PATIENT', details: { accessMode: 'bris_de_glace' } },
    });
    expect(desk.simulator.admin.accessHistory()).toHaveLength(before);
    await endSession(session.id);
  }, 60_000);

  it('a patient who opposed the access: no session opens, and an opposition set during a session refuses the next read', async () => {
    const opposed = { matricule: '180032B02040123', oid: NIR } as const;
    const opposedId = await idOf(opposed);
    const access = await desk.client.dmp.checkAccess({
      patientId: opposedId,
      accessMode: 'bris_de_glace',
      emergencyReason: REASON,
    });
    expect(access).toMatchObject({ ok: false, error: { code: 'DMP_PATIENT_OPPOSED' } });
    const sessions = await desk.client.dmp.emergencySessions({});
    expect(sessions.ok && sessions.value.sessions.some((s) => s.patientId === opposedId)).toBe(false);

    const session = await openSession(UNAUTHORIZED, 'bris_de_glace');
    desk.simulator.admin.setOppositions(UNAUTHORIZED.matricule, { brisDeGlace: true });
    try {
      const search = await desk.client.documents.search({
        patientId: await idOf(UNAUTHORIZED),
        emergencySessionId: session.id,
      });
      expect(search).toMatchObject({ ok: false, error: { code: 'DMP_PATIENT_OPPOSED' } });
      expect(history(UNAUTHORIZED).at(-1)).toMatchObject({
        transaction: 'TD3.1',
        accessMode: 'bris_de_glace',
        outcome: 'DMPAccessDeniedByPatient',
      });
    } finally {
      desk.simulator.admin.setOppositions(UNAUTHORIZED.matricule, { brisDeGlace: false });
      await endSession(session.id);
    }
  }, 60_000);

  it('masked documents stay out of an emergency search unless the patient allowed them', async () => {
    const masked = await deposit(UNAUTHORIZED, ['MASQUE_PS']);
    const session = await openSession(UNAUTHORIZED, 'bris_de_glace');
    const listed = async (): Promise<string[]> => {
      const found = await desk.client.documents.search({
        patientId: await idOf(UNAUTHORIZED),
        emergencySessionId: session.id,
      });
      if (!found.ok) throw new Error(found.error.code);
      return found.value.documents.map((d) => d.uniqueId);
    };
    expect(await listed()).not.toContain(masked);
    desk.simulator.admin.setMaskedVisibleInEmergency(UNAUTHORIZED.matricule, true);
    try {
      expect(await listed()).toContain(masked);
    } finally {
      desk.simulator.admin.setMaskedVisibleInEmergency(UNAUTHORIZED.matricule, false);
      await endSession(session.id);
    }
  }, 60_000);
});
