import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../../main/session/patient-store';
import { startDeskFixture, type DeskFixture } from '../../support/desk-fixture';
import { openDeskStore } from '../../support/desk-store';
import { EXAMPLE_DOCTOR_HOLDER } from '../../support/example-doctor';
import { CONSULTATION_TYPE, EXAMPLE_PATIENT, pdfBase64 } from '../../support/example-patient';
import { useDmpSimulator } from '../../support/simulated-dmp';
import { useTempDir } from '../../support/temp-dir';

/**
 * What the encrypted store keeps of the day's patients, through the real services against the
 * DMP simulator: the desk restarted finds its patients of the day (status, INS of the qualified
 * one, DMP status with its age), answers the documents list and a read document from the cache
 * while the DMP is out of reach, and forgets a patient entirely on request — their consent aside.
 */
const dmp = useDmpSimulator({ pkiName: 'patient-store' });
const tempDir = useTempDir();

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

/** A loopback port nobody listens on: the DMP as a desk sees it when the network is down. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `https://127.0.0.1:${address.port}`;
}

async function desk(dir: string, dmpUrl: string, now?: () => Date): Promise<DeskFixture> {
  return startDeskFixture({
    credentials: dmp.credentials(),
    dmpUrl,
    holder: EXAMPLE_DOCTOR_HOLDER,
    userDataDir: dir,
    ...(now === undefined ? {} : { overrides: { now } }),
  });
}

describe('patients of the day in the encrypted store', () => {
  it('come back after a restart with their DMP status, and the documents answer from the cache offline', async () => {
    const dir = await tempDir();
    const first = await desk(dir, dmp.simulator.url);
    let patientId: string;
    let uniqueId: string;
    try {
      patientId = await first.qualify();
      const provisional = ok(
        await first.client.identity.open({
          traits: { birthName: 'PROVISOIRE', firstNames: ['ANNE'], sex: 'F', birthDate: '1980-01-01' },
        }),
      );
      ok(await first.client.session.selectPatient({ patientId }));
      const status = ok(await first.client.dmp.checkAccess({ patientId }));
      expect(status.existence).toBe('exists');
      // The banner's patient carries the answer and when it was asked.
      const banner = ok(await first.client.session.current({})).patient;
      expect(banner?.dmp).toEqual({
        existence: 'exists',
        authorization: status.authorization,
        checkedAt: status.checkedAt,
      });

      uniqueId = ok(
        await first.client.documents.deposit({
          patientId,
          title: 'Consultation du jour',
          type: CONSULTATION_TYPE,
          pdfBase64: pdfBase64('Consultation du jour'),
        }),
      ).uniqueId;
      const online = ok(await first.client.documents.search({ patientId }));
      expect(online.cachedAt).toBeUndefined();
      expect(online.documents.map((d) => d.uniqueId)).toContain(uniqueId);
      const read = ok(await first.client.documents.retrieve({ patientId, uniqueId }));
      expect(read.cachedAt).toBeUndefined();
      expect(provisional.status).toBe('PROV');
    } finally {
      await first.close();
    }

    // Restarted with the DMP out of reach.
    const second = await desk(dir, await deadUrl());
    try {
      const session = ok(await second.client.session.current({}));
      expect(session.patient).toBeNull();
      const today = ok(await second.client.session.patients({})).patients;
      expect(today.map((p) => [p.family, p.status])).toEqual([
        ['PATB-QUATRE', 'QUAL'],
        ['PROVISOIRE', 'PROV'],
      ]);
      expect(today[0]?.ins?.matricule).toBe(EXAMPLE_PATIENT.matricule);
      expect(today[0]?.dmp?.existence).toBe('exists');
      expect(today[1]?.ins).toBeUndefined();
      ok(await second.client.session.selectPatient({ patientId }));

      // The DMP cannot be reached: the list and the document come from the cache, with their age.
      const offline = ok(await second.client.documents.search({ patientId }));
      expect(offline.cachedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(offline.documents.map((d) => d.uniqueId)).toContain(uniqueId);
      const cachedRead = ok(await second.client.documents.retrieve({ patientId, uniqueId }));
      expect(cachedRead.cachedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(cachedRead.mediaType).toBe('application/pdf');
      // A question the cache cannot answer (a period of deposits) gets the network's error as it is.
      const period = await second.client.documents.search({ patientId, submittedFrom: '2026-01-01T00:00:00.000Z' });
      expect(period.ok).toBe(false);
      expect(!period.ok && period.error.code).toMatch(/^SERVICE_|PROXY_/);
    } finally {
      await second.close();
    }

    // The next day, the list starts empty.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const third = await desk(dir, await deadUrl(), () => tomorrow);
    try {
      expect(ok(await third.client.session.patients({})).patients).toEqual([]);
    } finally {
      await third.close();
    }
  }, 120_000);

  it('forgets a patient: session, DMP status and cached documents go, the consent journal stays', async () => {
    const dir = await tempDir();
    // A consent this desk recorded earlier for the same patient: evidence, which forgetting leaves alone.
    const before = await openDeskStore(dir);
    await before.store.call('consents.record', {
      recordedAt: new Date().toISOString(),
      kind: 'creation',
      ins: EXAMPLE_PATIENT,
      collectedAt: new Date().toISOString(),
      form: 'oral',
      practitionerId: EXAMPLE_DOCTOR_HOLDER.nationalId,
    });
    await before.store.close();

    const first = await desk(dir, dmp.simulator.url);
    try {
      const patientId = await first.qualify();
      ok(await first.client.dmp.checkAccess({ patientId }));
      const uniqueId = ok(
        await first.client.documents.deposit({
          patientId,
          title: 'À oublier',
          type: CONSULTATION_TYPE,
          pdfBase64: pdfBase64('À oublier'),
        }),
      ).uniqueId;
      ok(await first.client.documents.search({ patientId }));
      ok(await first.client.documents.retrieve({ patientId, uniqueId }));

      const forgotten = ok(await first.client.session.forgetPatient({ patientId }));
      expect(forgotten.forgotten.sessions).toBe(1);
      expect(forgotten.forgotten.documents).toBeGreaterThan(0);
      expect(forgotten.forgotten.dmpStatus).toBe(1);
      expect(ok(await first.client.session.current({})).patient).toBeNull();
      expect(ok(await first.client.session.patients({})).patients).toEqual([]);
      // Gone from main: nothing names them any more.
      const after = await first.client.documents.search({ patientId });
      expect(!after.ok && after.error.code).toBe('IDENTITY_NOT_FOUND');
    } finally {
      await first.close();
    }
    const { store } = await openDeskStore(dir);
    try {
      expect(await store.call('documents.list', { patient: EXAMPLE_PATIENT })).toEqual([]);
      expect(await store.call('dmpStatus.get', { patient: EXAMPLE_PATIENT })).toBeUndefined();
      expect(await store.call('patientSessions.list', { day: localDay(new Date()) })).toEqual([]);
      expect(await store.call('consents.list', { patient: EXAMPLE_PATIENT })).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 120_000);
});
