import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeJournalFiles } from '../../../main/audit/files';
import { createAuditTrail } from '../../../main/audit/trail';
import { createDmpConnection } from '../../../main/dmp/client';
import { createEmergencySessions } from '../../../main/dmp/emergency-session';
import { createDmpPipeline } from '../../../main/dmp/pipeline';
import { createDmpHandlers } from '../../../main/dmp/service';
import { trainingDmpEndpoint } from '../../../main/training/sim-data-config';
import type { DmpClient, DmpPatientRef } from '../../../shared/api';
import { EXAMPLE_DOCTOR } from '../../../simulators/national-dmp';
import { memoryAuditVault } from '../../support/memory-audit-vault';
import { startDeskFixture, type DeskFixture } from '../../support/desk-fixture';
import { EXAMPLE_DOCTOR_HOLDER } from '../../support/example-doctor';
import { memoryLogger } from '../../support/memory-logger';
import { useDmpSimulator } from '../../support/simulated-dmp';
import { useTempDir } from '../../support/temp-dir';

/**
 * The desk's audit trail through the real service graph (router, dmp and documents handlers)
 * against the national DMP simulator over mutual TLS: what the History screen reads is what
 * the DMP calls wrote.
 */
const EXAMPLE = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const OPPOSED = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
const REASON = 'Patient inconscient aux urgences, allergie recherchée';
const TITLE = 'Bilan sérologique confidentiel';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

const tempDir = useTempDir('dmp-desk-audit-it-');
const simulated = useDmpSimulator({ pkiName: 'audit' });

/** A desk on the simulator, Dr LIBRE's CPS in its reader; `id` names a patient qualified through INSi. */
async function desk(userDataDir?: string): Promise<{
  services: DeskFixture['services'];
  client: DmpClient;
  dir: string;
  id: (patient: DmpPatientRef) => Promise<string>;
  fixture: DeskFixture;
}> {
  const fixture = await startDeskFixture({
    credentials: simulated.credentials(),
    dmpUrl: simulated.simulator.url,
    holder: EXAMPLE_DOCTOR_HOLDER,
    userDataDir: userDataDir ?? (await tempDir()),
  });
  return {
    services: fixture.services,
    client: fixture.client,
    dir: fixture.dir,
    id: (patient) => fixture.patientIdFor(patient.matricule),
    fixture,
  };
}

async function accesses(client: DmpClient, patientId: string) {
  const result = await client.history.accesses({ patientId });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

async function auditBytes(dir: string): Promise<Buffer> {
  const auditDir = join(dir, 'audit');
  const names = await readdir(auditDir);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(auditDir, name)))));
}

describe('access history against the DMP simulator', () => {
  it('lists a TD0.2 and an emergency TD0.2 with their modes, for that patient only', async () => {
    const { fixture, client, dir, id } = await desk();
    try {
      const normal = await client.dmp.checkAccess({ patientId: await id(EXAMPLE), accessMode: 'normal' });
      expect(normal.ok).toBe(true);
      const urgent = await client.dmp.checkAccess({
        patientId: await id(EXAMPLE),
        accessMode: 'bris_de_glace',
        emergencyReason: REASON,
      });
      expect(urgent.ok).toBe(true);
      // Another patient, who opposed bris de glace: the refusal is journaled under that patient with its code.
      const refused = await client.dmp.checkAccess({
        patientId: await id(OPPOSED),
        accessMode: 'bris_de_glace',
        emergencyReason: REASON,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'DMP_PATIENT_OPPOSED' } });

      const mine = await accesses(client, await id(EXAMPLE));
      expect(mine.chain).toBe('intact');
      expect(mine.unsaved).toBe(0);
      expect(mine.entries.map((e) => [e.transaction, e.accessMode, e.outcome, e.professional])).toEqual([
        ['TD0.2', 'bris_de_glace', 'ok', EXAMPLE_DOCTOR],
        ['TD0.2', 'normal', 'ok', EXAMPLE_DOCTOR],
      ]);
      const theirs = await accesses(client, await id(OPPOSED));
      expect(theirs.entries.map((e) => [e.transaction, e.accessMode, e.outcome])).toEqual([
        ['TD0.2', 'bris_de_glace', 'DMP_PATIENT_OPPOSED'],
      ]);

      // The national DMP saw the same emergency access; the desk's trail agrees on the mode.
      const national = simulated.simulator.admin.accessHistory(EXAMPLE.matricule);
      expect(national.some((t) => t.transaction === 'TD0.2' && t.accessMode === 'bris_de_glace')).toBe(true);

      const bytes = await auditBytes(dir);
      for (const secret of [EXAMPLE.matricule, OPPOSED.matricule, 'inconscient', 'allergie']) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      }
    } finally {
      await fixture.close();
    }
  }, 60_000);

  it('journals document calls with the document id, and the mode of the emergency session they name', async () => {
    const { fixture, client, dir, id } = await desk();
    try {
      const deposited = await client.documents.deposit({
        patientId: await id(EXAMPLE),
        title: TITLE,
        type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
        pdfBase64: PDF.toString('base64'),
      });
      if (!deposited.ok) throw new Error(deposited.error.code);
      const { uniqueId } = deposited.value;

      const opened = await client.dmp.checkAccess({
        patientId: await id(EXAMPLE),
        accessMode: 'centre_15',
        emergencyReason: REASON,
      });
      expect(opened.ok).toBe(true);
      const sessions = await client.dmp.emergencySessions({});
      if (!sessions.ok) throw new Error(sessions.error.code);
      const session = sessions.value.sessions.find((s) => s.mode === 'centre_15');
      if (session === undefined) throw new Error('no centre 15 session');
      const read = await client.documents.retrieve({
        patientId: await id(EXAMPLE),
        uniqueId,
        emergencySessionId: session.id,
      });
      expect(read.ok).toBe(true);

      const history = await accesses(client, await id(EXAMPLE));
      expect(history.entries.map((e) => [e.transaction, e.accessMode, e.documentId])).toEqual([
        ['TD3.2', 'centre_15', uniqueId],
        ['TD0.2', 'centre_15', null],
        ['TD2.1', 'normal', uniqueId],
      ]);
      const bytes = await auditBytes(dir);
      expect(bytes.includes(Buffer.from(TITLE, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from('PATB-QUATRE', 'utf8'))).toBe(false);
    } finally {
      await fixture.close();
    }
  }, 60_000);

  it('keeps the history and the chain across a restart of the desk', async () => {
    const first = await desk();
    await first.client.dmp.checkAccess({ patientId: await first.id(EXAMPLE), accessMode: 'normal' });
    await first.fixture.close();

    const second = await desk(first.dir);
    try {
      // A new day at the desk: the patient is qualified again, under a new patientId; the trail is the INS's.
      const patientId = await second.id(EXAMPLE);
      await second.client.dmp.listProfessionals({ patientId, accessMode: 'normal', filter: 'all' });
      const history = await accesses(second.client, patientId);
      expect(history.chain).toBe('intact');
      expect(history.entries.map((e) => e.transaction)).toEqual(['TD1.6', 'TD0.2']);
    } finally {
      await second.fixture.close();
    }
  }, 60_000);

  it('still answers the DMP call when the journal cannot be written (full disk), and writes it once space is back', async () => {
    const dir = await tempDir();
    const log = memoryLogger();
    let full = true;
    const trail = createAuditTrail({
      dir,
      logger: log.logger,
      vault: memoryAuditVault(),
      files: {
        ...nodeJournalFiles,
        append: async (file, data, newFile) => {
          if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          return nodeJournalFiles.append(file, data, newFile);
        },
      },
    });
    // The real pipeline of a desk, with this trail behind it: the patient and the CPS from the desk's sessions.
    const { fixture, id } = await desk();
    const sessions = createEmergencySessions();
    const credentials = simulated.credentials();
    const pipeline = createDmpPipeline({
      connection: createDmpConnection(
        trainingDmpEndpoint({
          baseUrl: simulated.simulator.url,
          caPem: credentials.caCertPem,
          auth: credentials.cps.auth,
        }),
      ),
      patients: fixture.services.patients,
      practitioner: fixture.services.practitioner,
      emergencySessions: sessions,
      audit: trail.record,
      logger: log.logger,
    });
    const dmp = createDmpHandlers({
      pipeline,
      journal: { record: async () => undefined },
      logger: log.logger,
      sessions,
    });
    const patientId = await id(EXAMPLE);

    const status = await dmp.checkAccess({ patientId, accessMode: 'normal' }, undefined);
    expect(status.existence).toBe('exists');
    expect(log.text()).toContain('"code":"AUDIT_WRITE_FAILED"');
    expect((await trail.accesses(EXAMPLE)).unsaved).toBe(1);

    full = false;
    await dmp.listProfessionals({ patientId, accessMode: 'normal', filter: 'all' }, undefined);
    await fixture.close();
    const history = await trail.accesses(EXAMPLE);
    expect(history.unsaved).toBe(0);
    expect(history.entries.map((e) => e.transaction)).toEqual(['TD1.6', 'TD0.2']);
  }, 60_000);
});
