import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AdminError, createAdmin } from '../../../../simulators/national-dmp/admin';
import { EXAMPLE_DOCTOR, SEED_DMPS, seedStore } from '../../../../simulators/national-dmp/seed';
import { MIGRATIONS } from '../../../../simulators/national-dmp/store/migrations';
import { SimulatorStore } from '../../../../simulators/national-dmp/store/store';
import { useTempDir } from '../../../support/temp-dir';

const tempDir = useTempDir('dmp-sim-');
const NOW = new Date('2026-01-15T10:00:00Z');
const EXAMPLE = '207058575627097';
const CORSE = '180032B02040123';

async function seededFile(): Promise<{ file: string; store: SimulatorStore }> {
  const file = join(await tempDir(), 'dmp.sqlite');
  const store = new SimulatorStore(file);
  seedStore(store, NOW);
  return { file, store };
}

describe('simulator store', () => {
  it('brings a new file to the last schema version', async () => {
    const { file, store } = await seededFile();
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
  });

  it('seeds the example patient and the INSi test identities, once', async () => {
    const { file, store } = await seededFile();
    expect(
      store
        .listDmps()
        .map((dmp) => dmp.nir)
        .sort(),
    ).toEqual(SEED_DMPS.map((seed) => seed.nir).sort());
    store.updateDmp(EXAMPLE, { phone: '0600000000' });
    store.close();
    const reopened = new SimulatorStore(file);
    seedStore(reopened, NOW);
    // State survives a restart: re-seeding never overwrites a training session.
    expect(reopened.getDmp(EXAMPLE)?.phone).toBe('0600000000');
    expect(reopened.getDmp('297022A02077878')?.family).toBe('ADRTROIS');
    expect(reopened.getDmp('160012B02077713')).toBeUndefined();
    reopened.close();
  });

  it('wipes every table of the schema, whatever the foreign keys', async () => {
    const { file, store } = await seededFile();
    createAdmin(store, () => NOW).reset({ documents: true });
    store.transaction(() => store.wipe());
    store.close();
    const raw = new Database(file, { readonly: true });
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    expect(tables.length).toBeGreaterThanOrEqual(9);
    for (const table of tables) {
      expect(raw.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get(), table).toBe(0);
    }
    raw.close();
  });

  it('lists authorized DMPs newest first, without blocked ones, from a date', async () => {
    const { store } = await seededFile();
    store.setAuthorization(EXAMPLE, '899900071000', 'ACTIVE', '2026-02-01T00:00:00.000Z');
    store.setAuthorization(CORSE, '899900071000', 'ACTIVE', '2026-03-01T00:00:00.000Z');
    store.setAuthorization('181036322045660', '899900071000', 'INTERDITE', '2026-04-01T00:00:00.000Z');
    expect(store.listAuthorizedDmps('899900071000', undefined).map((row) => row.dmp.nir)).toEqual([CORSE, EXAMPLE]);
    expect(store.listAuthorizedDmps('899900071000', '2026-02-15').map((row) => row.dmp.nir)).toEqual([CORSE]);
    store.close();
  });
});

describe('admin API', () => {
  it('blocks a professional, which also ends its MT role, and unblocks it', async () => {
    const { store } = await seededFile();
    const admin = createAdmin(store, () => NOW);
    admin.blockProfessional(EXAMPLE, EXAMPLE_DOCTOR);
    expect(admin.getDmp(EXAMPLE)?.treatingDoctor).toBeNull();
    expect(admin.listAuthorizations(EXAMPLE)).toMatchObject([{ subjectId: EXAMPLE_DOCTOR, status: 'INTERDITE' }]);
    admin.unblockProfessional(EXAMPLE, EXAMPLE_DOCTOR);
    expect(admin.listAuthorizations(EXAMPLE)).toEqual([]);
    store.close();
  });

  it('sets oppositions independently, closes and reopens, sets the MT', async () => {
    const { store } = await seededFile();
    const admin = createAdmin(store, () => NOW);
    admin.setOppositions(EXAMPLE, { urgence: true });
    expect(admin.getDmp(EXAMPLE)).toMatchObject({ oppositionUrgence: true, oppositionBrisDeGlace: false });
    admin.close(EXAMPLE);
    expect(admin.getDmp(EXAMPLE)).toMatchObject({ status: 'closed', closedAt: NOW.toISOString() });
    expect(() => admin.close(EXAMPLE)).toThrow(AdminError);
    admin.reopen(EXAMPLE);
    expect(admin.getDmp(EXAMPLE)?.status).toBe('active');
    admin.setTreatingDoctor(CORSE, '899900038839');
    expect(admin.getDmp(CORSE)?.treatingDoctor).toBe('899900038839');
    expect(store.getAuthorization(CORSE, '899900038839')?.status).toBe('ACTIVE');
    store.close();
  });

  it('refuses actions on an unknown DMP with a code', async () => {
    const { store } = await seededFile();
    const admin = createAdmin(store, () => NOW);
    expect(() => admin.close('160012B02077713')).toThrow(expect.objectContaining({ code: 'UNKNOWN_DMP' }));
    store.close();
  });

  it('resets to the seeded state: changes, new DMPs, access log and settings gone, documents seeded again', async () => {
    const { store } = await seededFile();
    const admin = createAdmin(store, () => NOW);
    admin.reset({ documents: true });
    const seededDocuments = admin.listDocuments(CORSE).map((document) => document.title);
    expect(seededDocuments.length).toBeGreaterThan(0);

    admin.blockProfessional(CORSE, '899900038839');
    admin.close(EXAMPLE);
    admin.setRefuseCreation(true);
    store.insertDmp({ ...store.getDmp(EXAMPLE)!, nir: '160012B02077713', family: 'ADRTROIS', status: 'active' });
    store.logAccess({
      at: NOW.toISOString(),
      nir: CORSE,
      actorId: '899900038839',
      structureId: '499900063480001',
      authMode: 'DIRECTE',
      accessMode: 'NORMAL',
      transaction: 'TD0.2',
      outcome: 'allow',
    });

    admin.reset({ documents: true });
    expect(
      admin
        .listDmps()
        .map((dmp) => dmp.nir)
        .sort(),
    ).toEqual(SEED_DMPS.map((seed) => seed.nir).sort());
    expect(admin.getDmp(EXAMPLE)?.status).toBe('active');
    expect(admin.listAuthorizations(CORSE)).toMatchObject([{ subjectId: EXAMPLE_DOCTOR, status: 'ACTIVE' }]);
    expect(admin.refuseCreation()).toBe(false);
    expect(admin.accessHistory()).toEqual([]);
    // One set of training documents, not one more per reset.
    expect(admin.listDocuments(CORSE).map((document) => document.title)).toEqual(seededDocuments);

    admin.reset();
    expect(admin.listDocuments(CORSE)).toEqual([]);
    store.close();
  });

  it('is seen by a running simulator that shares the file (CLI next to the server)', async () => {
    const { file, store } = await seededFile();
    const cli = new SimulatorStore(file);
    createAdmin(cli, () => NOW).setRefuseCreation(true);
    createAdmin(cli, () => NOW).setOppositions(CORSE, { brisDeGlace: false });
    cli.close();
    expect(createAdmin(store).refuseCreation()).toBe(true);
    expect(store.getDmp(CORSE)?.oppositionBrisDeGlace).toBe(false);
    store.close();
  });
});
