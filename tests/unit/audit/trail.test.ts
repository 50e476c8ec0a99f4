import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeJournalFiles } from '../../../main/audit/files';
import { historyHandlers } from '../../../main/audit/handlers';
import { AUDIT_JOURNAL_FILE, LEGACY_AUDIT_KEY_FILE, createAuditTrail } from '../../../main/audit/trail';
import { AppError } from '../../../shared/errors';
import { memoryAuditVault, type MemoryAuditVault } from '../../support/memory-audit-vault';
import { memoryLogger } from '../../support/memory-logger';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir('dmp-desk-audit-');

const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const OTHER = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
const PATIENT_ID = '8d2c4b6a-1e3f-4a5b-9c7d-2e4f6a8b0c1d';
const DOCTOR = '899900038839';
const REASON = 'Patient inconscient, allergie à la pénicilline recherchée';
const TITLE = 'Compte rendu VIH confidentiel';
const DEPOSIT = {
  patient: PATIENT,
  traits: { birthFamily: 'PATB-QUATRE', givenNames: 'LAURENCE', sex: 'F', birthDate: '1907-05-25' },
  title: TITLE,
  pdfBase64: Buffer.from('%PDF-1.4 secret clinical text').toString('base64'),
};

// One vault per installation folder: what the encrypted store keeps across restarts.
const vaults = new Map<string, MemoryAuditVault>();
const vaultOf = (dir: string): MemoryAuditVault => {
  const vault = vaults.get(dir) ?? memoryAuditVault();
  vaults.set(dir, vault);
  return vault;
};

function trailIn(dir: string, logger = memoryLogger().logger) {
  let minute = 0;
  return createAuditTrail({
    dir,
    logger,
    vault: vaultOf(dir),
    now: () => new Date(Date.UTC(2026, 10, 22, 9, minute++)),
  });
}

describe('audit trail', () => {
  it("answers one patient's transactions, newest first, with mode, professional, outcome and document", async () => {
    const trail = trailIn(await tempDir());
    await trail.record({
      transaction: 'TD0.2',
      accessMode: 'bris_de_glace',
      professional: DOCTOR,
      request: { patient: PATIENT, accessMode: 'bris_de_glace', emergencyReason: REASON },
      result: { existence: 'exists' },
    });
    await trail.record({
      transaction: 'TD0.2',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: OTHER },
    });
    await trail.record({
      transaction: 'TD2.1',
      accessMode: 'normal',
      professional: DOCTOR,
      request: DEPOSIT,
      result: { uniqueId: '1.2.250.1.999.1' },
    });
    await trail.record({
      transaction: 'TD3.2',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: PATIENT, uniqueId: '1.2.250.1.999.2' },
      error: new AppError('DMP_ACCESS_DENIED'),
    });
    await trail.record({
      transaction: 'TD3.3',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: PATIENT, entryUuid: 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427' },
      error: new Error('anything'),
    });
    // TD0.4 is about no single patient: journaled, in no patient's history.
    await trail.record({
      transaction: 'TD0.4',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { since: '2026-01-01' },
    });

    const history = await trail.accesses(PATIENT);
    expect(history.chain).toBe('intact');
    expect(history.total).toBe(4);
    expect(history.unsaved).toBe(0);
    expect(history.entries).toEqual([
      {
        line: 5,
        at: '2026-11-22T09:04:00.000Z',
        transaction: 'TD3.3',
        accessMode: 'normal',
        professional: DOCTOR,
        outcome: 'INTERNAL_ERROR',
        documentId: 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      },
      expect.objectContaining({
        line: 4,
        transaction: 'TD3.2',
        outcome: 'DMP_ACCESS_DENIED',
        documentId: '1.2.250.1.999.2',
      }),
      expect.objectContaining({ line: 3, transaction: 'TD2.1', outcome: 'ok', documentId: '1.2.250.1.999.1' }),
      expect.objectContaining({ line: 1, transaction: 'TD0.2', accessMode: 'bris_de_glace', documentId: null }),
    ]);
    expect((await trail.accesses(OTHER)).entries.map((e) => e.line)).toEqual([2]);
  });

  it('writes no INS, name, title, reason or content: only pseudonyms and codes', async () => {
    const dir = await tempDir();
    const trail = trailIn(dir);
    await trail.record({
      transaction: 'TD0.2',
      accessMode: 'centre_15',
      professional: DOCTOR,
      request: { patient: PATIENT, accessMode: 'centre_15', emergencyReason: REASON },
    });
    await trail.record({ transaction: 'TD2.1', accessMode: 'normal', professional: DOCTOR, request: DEPOSIT });
    const bytes = await readFile(join(dir, AUDIT_JOURNAL_FILE));
    for (const secret of [
      PATIENT.matricule,
      PATIENT.matricule.slice(0, 13),
      'PATB-QUATRE',
      'LAURENCE',
      '1907-05-25',
      '19070525',
      TITLE,
      'inconscient',
      'pénicilline',
      DEPOSIT.pdfBase64.slice(0, 16),
      'secret clinical',
    ]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
    expect(bytes.toString('utf8')).toContain('"mode":"centre_15"');
  });

  it('gives a patient the same pseudonym across restarts and a different one on another installation', async () => {
    const [first, second] = [await tempDir(), await tempDir()];
    const record = {
      transaction: 'TD0.2',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: PATIENT },
    } as const;
    await trailIn(first).record(record);
    await trailIn(first).record(record);
    await trailIn(second).record(record);
    const pseudonyms = async (dir: string) =>
      (await readFile(join(dir, AUDIT_JOURNAL_FILE), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { patient: string }).patient);
    const [a1, a2] = await pseudonyms(first);
    const [b1] = await pseudonyms(second);
    expect(a1).toMatch(/^[0-9a-f]{64}$/);
    expect(a2).toBe(a1);
    expect(b1).not.toBe(a1);
    // Reopened, the first installation still finds both entries for the patient.
    expect((await trailIn(first).accesses(PATIENT)).total).toBe(2);
    // The key is in the vault, not beside the journal.
    await expect(stat(join(first, LEGACY_AUDIT_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("reports an edit to another patient's line in this patient's history too: the chain is one", async () => {
    const dir = await tempDir();
    const trail = trailIn(dir);
    for (const patient of [PATIENT, OTHER, OTHER, PATIENT]) {
      await trail.record({ transaction: 'TD0.2', accessMode: 'normal', professional: DOCTOR, request: { patient } });
    }
    const file = join(dir, AUDIT_JOURNAL_FILE);
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"td":"TD0.2"', '"td":"TD3.2"');
    await writeFile(file, lines.join('\n'));
    const log = memoryLogger();
    const history = await trailIn(dir, log.logger).accesses(PATIENT);
    expect(history.entries.map((e) => e.line)).toEqual([4, 1]);
    expect(history.chain).toEqual({ brokenAt: 3, reason: 'chain' });
    // IT sees it in the logs too, by line number only.
    expect(log.text()).toContain('"event":"audit.chain_broken","line":3,"reason":"chain"');

    lines[2] = 'not json';
    await writeFile(file, lines.join('\n'));
    expect((await trailIn(dir).accesses(PATIENT)).chain).toEqual({ brokenAt: 3, reason: 'malformed' });
  });

  it('says how many entries a lost and recreated key left unmatched, instead of hiding them', async () => {
    const dir = await tempDir();
    const record = { transaction: 'TD0.2', accessMode: 'normal', professional: DOCTOR } as const;
    await trailIn(dir).record({ ...record, request: { patient: PATIENT } });
    await trailIn(dir).record({ ...record, request: { patient: OTHER } });
    await trailIn(dir).record({ ...record, transaction: 'TD0.4', request: { since: '2026-01-01' } });
    delete vaultOf(dir).state.pseudonym;

    const after = trailIn(dir);
    await after.record({ ...record, request: { patient: PATIENT } });
    const history = await after.accesses(PATIENT);
    expect(history.entries.map((e) => e.line)).toEqual([4]);
    // Both patient lines of the old key; the TD0.4 line names no patient and is not counted.
    expect(history.otherKeyEntries).toBe(2);
    expect(history.chain).toBe('intact');
  });

  it('records nothing when no DMP is configured: no professional, nothing was sent', async () => {
    const dir = await tempDir();
    const trail = trailIn(dir);
    await trail.record({
      transaction: 'TD0.2',
      accessMode: 'normal',
      professional: undefined,
      request: { patient: PATIENT },
      error: new AppError('DMP_NOT_CONFIGURED'),
    });
    expect(await trail.accesses(PATIENT)).toEqual({
      entries: [],
      total: 0,
      otherKeyEntries: 0,
      chain: 'intact',
      unsaved: 0,
    });
  });

  it('never rejects on a full disk: the failure is logged by code and the entry shown as unsaved', async () => {
    const dir = await tempDir();
    const log = memoryLogger();
    let full = true;
    let told = 0;
    const trail = createAuditTrail({
      dir,
      logger: log.logger,
      vault: vaultOf(dir),
      onRecorded: () => told++,
      files: {
        ...nodeJournalFiles,
        append: async (path, data, newFile) => {
          if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          return nodeJournalFiles.append(path, data, newFile);
        },
      },
    });
    const request = { patient: PATIENT, accessMode: 'bris_de_glace', emergencyReason: REASON };
    await expect(
      trail.record({ transaction: 'TD0.2', accessMode: 'bris_de_glace', professional: DOCTOR, request }),
    ).resolves.toBeUndefined();
    expect(log.text()).toContain('"event":"audit.write_failed"');
    expect(log.text()).toContain('AUDIT_WRITE_FAILED');
    expect(log.text()).not.toContain(PATIENT.matricule);
    expect(log.text()).not.toContain('inconscient');
    expect(await trail.accesses(PATIENT)).toMatchObject({ entries: [], unsaved: 1 });
    // Open history views still reload, to show the entry waiting for space.
    expect(told).toBe(1);

    full = false;
    await trail.record({
      transaction: 'TD1.6',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: PATIENT },
    });
    const history = await trail.accesses(PATIENT);
    expect(history.unsaved).toBe(0);
    expect(history.entries.map((e) => [e.transaction, e.accessMode])).toEqual([
      ['TD1.6', 'normal'],
      ['TD0.2', 'bris_de_glace'],
    ]);
  });

  it('answers AUDIT_READ_FAILED when the journal cannot be read', async () => {
    const dir = await tempDir();
    // A folder where the journal file should be: reading it fails with EISDIR.
    await mkdir(join(dir, AUDIT_JOURNAL_FILE));
    await expect(trailIn(dir).accesses(PATIENT)).rejects.toMatchObject({
      code: 'AUDIT_READ_FAILED',
      details: { errno: 'EISDIR' },
    });
  });

  it('keeps transactions in memory while the store cannot give a key, then journals them first, in order', async () => {
    const dir = await tempDir();
    const vault = vaultOf(dir);
    let storeDown = true;
    const flaky = {
      ...vault,
      pseudonymKey: async () => {
        if (storeDown) throw new AppError('STORE_DISK_FULL');
        return vault.pseudonymKey();
      },
    };
    const log = memoryLogger();
    let minute = 0;
    const trail = createAuditTrail({
      dir,
      logger: log.logger,
      vault: flaky,
      now: () => new Date(Date.UTC(2026, 10, 22, 9, minute++)),
    });
    const record = { accessMode: 'normal', professional: DOCTOR, request: { patient: PATIENT } } as const;
    await trail.record({ ...record, transaction: 'TD0.2' });
    await trail.record({ ...record, transaction: 'TD1.6' });
    expect(log.text()).toContain(
      '"event":"audit.write_failed","code":"STORE_DISK_FULL","transaction":"TD1.6","waiting":2',
    );
    await expect(stat(join(dir, AUDIT_JOURNAL_FILE))).rejects.toMatchObject({ code: 'ENOENT' });

    storeDown = false;
    await trail.record({ ...record, transaction: 'TD3.2' });
    const history = await trail.accesses(PATIENT);
    expect(history.entries.map((e) => [e.transaction, e.at])).toEqual([
      ['TD3.2', '2026-11-22T09:02:00.000Z'],
      ['TD1.6', '2026-11-22T09:01:00.000Z'],
      ['TD0.2', '2026-11-22T09:00:00.000Z'],
    ]);
    expect(history.unsaved).toBe(0);
    expect((await trail.verify()).intact).toBe(true);
  });

  it('never remakes a deleted chain key: reading and writing answer AUDIT_KEY_INVALID, the file is untouched', async () => {
    const dir = await tempDir();
    const record = { transaction: 'TD0.2', accessMode: 'normal', professional: DOCTOR } as const;
    await trailIn(dir).record({ ...record, request: { patient: PATIENT } });
    const before = await readFile(join(dir, AUDIT_JOURNAL_FILE), 'utf8');
    delete vaultOf(dir).state.chain;
    const log = memoryLogger();
    const trail = trailIn(dir, log.logger);
    await trail.record({ ...record, request: { patient: PATIENT } });
    expect(log.text()).toContain('"event":"audit.write_failed","code":"AUDIT_KEY_INVALID"');
    const history = historyHandlers(trail, () => PATIENT);
    await expect(history.accesses({ patientId: PATIENT_ID }, undefined)).rejects.toMatchObject({
      code: 'AUDIT_KEY_INVALID',
    });
    expect(await readFile(join(dir, AUDIT_JOURNAL_FILE), 'utf8')).toBe(before);
    expect((await trail.verify()).findings).toEqual([{ kind: 'key_deleted' }]);
  });

  it('history.accesses reads the INS main resolves for the patientId, and nothing for an unqualified identity', async () => {
    const trail = trailIn(await tempDir());
    await trail.record({
      transaction: 'TD0.2',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: PATIENT },
    });
    await trail.record({
      transaction: 'TD1.6',
      accessMode: 'normal',
      professional: DOCTOR,
      request: { patient: OTHER },
    });
    const asked: string[] = [];
    const history = historyHandlers(trail, (patientId) => {
      asked.push(patientId);
      if (patientId !== PATIENT_ID) throw new AppError('IDENTITY_NOT_QUALIFIED');
      return PATIENT;
    });
    const mine = await history.accesses({ patientId: PATIENT_ID }, undefined);
    expect(mine.entries.map((e) => e.transaction)).toEqual(['TD0.2']);
    await expect(
      history.accesses({ patientId: '8d2c4b6a-1e3f-4a5b-9c7d-2e4f6a8b0c99' }, undefined),
    ).rejects.toMatchObject({ code: 'IDENTITY_NOT_QUALIFIED' });
    expect(asked).toEqual([PATIENT_ID, '8d2c4b6a-1e3f-4a5b-9c7d-2e4f6a8b0c99']);
  });
});
