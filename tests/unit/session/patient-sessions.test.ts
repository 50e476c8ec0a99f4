import { describe, expect, it } from 'vitest';
import type { CardService } from '../../../main/cards/card-service';
import { createIdentityService, type IdentitySnapshot } from '../../../main/identity/identity-service';
import { silentLogger } from '../../../main/log/logger';
import { createPatientSessions } from '../../../main/session/patient-sessions';
import type { KeptPatientSession, PatientSessionStore } from '../../../main/session/patient-store';
import type { DmpAccessStatus, DmpPatientRef } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { memoryLogger } from '../../support/memory-logger';

/** Patients opened from typed traits: the card service is never asked. */
function sessions() {
  const identity = createIdentityService({ insi: undefined, logger: silentLogger });
  const patients = createPatientSessions({ identity, cards: {} as CardService, logger: silentLogger });
  let changes = 0;
  patients.onChange(() => (changes += 1));
  return { patients, changes: () => changes };
}

const HOMONYM = { birthName: 'HOMONYME', firstNames: ['CAMILLE'], sex: 'F' as const, birthDate: '1990-05-12' };

describe('patient sessions', () => {
  it('clear leaves nobody in context and says so once', async () => {
    const { patients, changes } = sessions();
    const { patientId } = await patients.open({ traits: HOMONYM });
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

/** The patient sessions over a memory double of their store: what comes back after a restart, and what is forgotten. */
const INS = {
  nir13: '2970222020778',
  key: '78',
  oid: '1.2.250.1.213.1.4.10',
  kind: 'NIR_TEST',
  keyValid: true,
} as const;
const MATRICULE = { matricule: '297022202077878', oid: '1.2.250.1.213.1.4.10' };
const TRAITS = { birthName: 'ADRTROIS', firstNames: ['DOMINIQUE'], sex: 'F' as const, birthDate: '1997-02-26' };
const QUALIFIED: IdentitySnapshot = {
  patientId: '0b9e2a52-5f4e-4c59-9a35-7a4a3a8f0001',
  status: 'QUAL',
  attributes: [],
  typed: TRAITS,
  insi: { active: INS, history: [], traits: TRAITS },
  documentCheck: { documentType: 'PASSPORT', checkedOn: '2026-12-06' },
};
const PROVISIONAL: IdentitySnapshot = {
  patientId: '0b9e2a52-5f4e-4c59-9a35-7a4a3a8f0002',
  status: 'PROV',
  attributes: [],
  typed: { birthName: 'PROVISOIRE', firstNames: ['ANNE'], birthDate: '1980-01-01' },
};
const STATUS: DmpAccessStatus = {
  existence: 'exists',
  authorization: 'valid',
  treatingPhysician: null,
  oppositions: { breakGlass: false, emergency: false },
  webAccountOpen: null,
  attachedToMes: null,
  closedOn: null,
  checkedAt: '2026-12-06T08:55:00.000Z',
};

interface Row extends KeptPatientSession {
  readonly day: string;
}

function memoryStore(rows: Row[] = [], statuses = new Map<string, DmpAccessStatus>()) {
  const forgotten: { ids: readonly string[]; ins: DmpPatientRef | undefined }[] = [];
  const store: PatientSessionStore = {
    save: async (entry) => {
      const at = rows.findIndex((row) => row.identity.patientId === entry.identity.patientId);
      const row = {
        identity: entry.identity,
        day: entry.day,
        lastUsedAt: entry.lastUsedAt,
        beneficiary: entry.beneficiary,
      };
      if (at >= 0) rows[at] = row;
      else rows.push(row);
    },
    resume: async (day) => {
      const kept = rows.filter((row) => row.day === day);
      rows.splice(0, rows.length, ...kept);
      return { sessions: [...kept].sort((a, b) => a.lastUsedAt.localeCompare(b.lastUsedAt)), skipped: 0 };
    },
    saveDmpStatus: async (ins, status) => void statuses.set(ins.matricule, status),
    dmpStatus: async (ins) => statuses.get(ins.matricule),
    forget: async (ids, ins) => {
      forgotten.push({ ids, ins });
      const before = rows.length;
      rows.splice(0, rows.length, ...rows.filter((row) => !ids.includes(row.identity.patientId)));
      return { sessions: before - rows.length, documents: 0, dmpStatus: 0, pendingDeliveries: 0 };
    },
    beneficiaryDigest: async (beneficiary) => `digest-${beneficiary.nir}`,
  };
  return { store, rows, statuses, forgotten };
}

function sessionsOn(store: PatientSessionStore, now = new Date(2026, 11, 6, 10, 0)) {
  const identity = createIdentityService({ insi: undefined, logger: silentLogger });
  const patients = createPatientSessions({
    identity,
    cards: {} as CardService,
    logger: silentLogger,
    store,
    now: () => now,
  });
  let changes = 0;
  patients.onChange(() => (changes += 1));
  return { patients, identity, changes: () => changes };
}

describe('patient sessions kept in the store', () => {
  it('come back the same day, most recently used first, nobody in context, each with its status and DMP status', async () => {
    const kept = memoryStore(
      [
        { identity: QUALIFIED, day: '2026-12-06', lastUsedAt: '2026-12-06T08:00:00.000Z', beneficiary: null },
        { identity: PROVISIONAL, day: '2026-12-06', lastUsedAt: '2026-12-06T09:00:00.000Z', beneficiary: null },
      ],
      new Map([[MATRICULE.matricule, STATUS]]),
    );
    const { patients } = sessionsOn(kept.store);
    await patients.restored;
    await patients.flushed();
    expect(patients.current()).toBeNull();
    const today = patients.list();
    expect(today.map((p) => [p.family, p.status])).toEqual([
      ['PROVISOIRE', 'PROV'],
      ['ADRTROIS', 'QUAL'],
    ]);
    // The qualified one can reach the DMP again, and shows what TD0.2 last said about them.
    expect(patients.resolveQualified(QUALIFIED.patientId).ins).toEqual(MATRICULE);
    expect(today[1]?.ins?.matricule).toBe(MATRICULE.matricule);
    expect(today[1]?.dmp).toEqual({ existence: 'exists', authorization: 'valid', checkedAt: STATUS.checkedAt });
    expect(today[0]?.dmp).toBeUndefined();
  });

  it('does not bring back another day’s patients', async () => {
    const kept = memoryStore([
      { identity: QUALIFIED, day: '2026-12-05', lastUsedAt: '2026-12-05T17:00:00.000Z', beneficiary: null },
    ]);
    const { patients } = sessionsOn(kept.store);
    await patients.restored;
    expect(patients.list()).toEqual([]);
    expect(kept.rows).toEqual([]);
  });

  it('keeps the INS of a qualified identity only: a RECUP identity is kept as PROV, without its INSi answer', async () => {
    const kept = memoryStore();
    const { patients, identity } = sessionsOn(kept.store);
    await patients.restored;
    const opened = await patients.open({ traits: TRAITS });
    // As if INSi had answered: the snapshot a RECUP record gives.
    identity.restore({ ...QUALIFIED, patientId: opened.patientId, status: 'RECUP', documentCheck: undefined });
    patients.updated(opened.patientId);
    await patients.flushed();
    const row = kept.rows.find((r) => r.identity.patientId === opened.patientId);
    expect(row?.identity.status).toBe('PROV');
    expect(row?.identity.insi).toBeUndefined();
    expect(row?.day).toBe('2026-12-06');
    expect(JSON.stringify(kept.rows)).not.toContain(INS.nir13);

    identity.restore({ ...QUALIFIED, patientId: opened.patientId });
    patients.updated(opened.patientId);
    await patients.flushed();
    expect(kept.rows.find((r) => r.identity.patientId === opened.patientId)?.identity.insi?.active.nir13).toBe(
      INS.nir13,
    );
  });

  it('shows a DMP status on the banner only for the INS it was asked about, and keeps it', async () => {
    const kept = memoryStore([
      { identity: QUALIFIED, day: '2026-12-06', lastUsedAt: '2026-12-06T08:00:00.000Z', beneficiary: null },
    ]);
    const { patients, identity, changes } = sessionsOn(kept.store);
    await patients.restored;
    patients.select(QUALIFIED.patientId);
    const before = changes();
    patients.recordDmpStatus(QUALIFIED.patientId, { ...STATUS, existence: 'closed' });
    expect(changes()).toBe(before + 1);
    expect(patients.current()?.dmp?.existence).toBe('closed');
    await patients.flushed();
    expect(kept.statuses.get(MATRICULE.matricule)?.existence).toBe('closed');

    // New traits void the qualification: the answer was about the INS, no longer this identity's.
    identity.setTypedTraits(QUALIFIED.patientId, { ...TRAITS, firstNames: ['DOMINIQUE', 'MARIE'] });
    expect(patients.current()?.status).toBe('PROV');
    expect(patients.current()?.dmp).toBeUndefined();
  });

  it('forgets a patient: every session of the same INS, out of context, out of the store', async () => {
    const kept = memoryStore([
      { identity: QUALIFIED, day: '2026-12-06', lastUsedAt: '2026-12-06T08:00:00.000Z', beneficiary: null },
      {
        identity: { ...QUALIFIED, patientId: '0b9e2a52-5f4e-4c59-9a35-7a4a3a8f0003' },
        day: '2026-12-06',
        lastUsedAt: '2026-12-06T08:30:00.000Z',
        beneficiary: null,
      },
      { identity: PROVISIONAL, day: '2026-12-06', lastUsedAt: '2026-12-06T09:00:00.000Z', beneficiary: null },
    ]);
    const { patients, changes } = sessionsOn(kept.store);
    await patients.restored;
    patients.select(QUALIFIED.patientId);
    const before = changes();

    await patients.forget(QUALIFIED.patientId);
    expect(patients.current()).toBeNull();
    expect(changes()).toBe(before + 1);
    expect(patients.list().map((p) => p.family)).toEqual(['PROVISOIRE']);
    expect(() => patients.resolveQualified(QUALIFIED.patientId)).toThrow(
      expect.objectContaining({ code: 'IDENTITY_NOT_FOUND' }),
    );
    expect(kept.forgotten).toEqual([
      { ids: [QUALIFIED.patientId, '0b9e2a52-5f4e-4c59-9a35-7a4a3a8f0003'], ins: MATRICULE },
    ]);
    expect(kept.rows.map((row) => row.identity.patientId)).toEqual([PROVISIONAL.patientId]);

    // Not in context: forgetting changes nothing on the banner.
    const now = changes();
    await patients.forget(PROVISIONAL.patientId);
    expect(changes()).toBe(now);
    expect(kept.forgotten[1]).toEqual({ ids: [PROVISIONAL.patientId], ins: undefined });
  });

  it('goes on in memory when the store stays closed, and says so once', async () => {
    const closed = (): Promise<never> => Promise.reject(new AppError('STORE_KEYSTORE_UNAVAILABLE'));
    const store: PatientSessionStore = {
      save: closed,
      resume: closed,
      saveDmpStatus: closed,
      dmpStatus: closed,
      forget: closed,
      beneficiaryDigest: closed,
    };
    const log = memoryLogger();
    const identity = createIdentityService({ insi: undefined, logger: silentLogger });
    const patients = createPatientSessions({ identity, cards: {} as CardService, logger: log.logger, store });
    await patients.restored;
    const opened = await patients.open({ traits: TRAITS });
    patients.select(opened.patientId);
    patients.updated(opened.patientId);
    await patients.flushed();
    expect(patients.current()?.patientId).toBe(opened.patientId);
    expect(log.lines.filter((line) => line.includes('session.store_failed'))).toHaveLength(1);
    expect(log.text()).toContain('STORE_KEYSTORE_UNAVAILABLE');
  });
});
