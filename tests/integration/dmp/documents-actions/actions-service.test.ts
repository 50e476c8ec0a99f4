import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import { createDocumentCaller } from '../../../../main/dmp/documents/call';
import { depositContext } from '../../../../main/dmp/documents/context';
import { readReplacedDocument } from '../../../../main/dmp/documents/transactions/replace-source';
import { checkUpdateAnswer } from '../../../../main/dmp/documents/transactions/update-refusal';
import { queryPatient } from '../../../../main/dmp/documents/transactions/query-patient';
import type { DmpClientConfig } from '../../../../main/dmp/client';
import { ACTION, buildGetDocumentsByUuid, buildVisibilityUpdateFromEntry, RIM } from '../../../../main/dmp/xds';
import { childElements } from '../../../../main/xml';
import type { DmpClient, DocumentStatus, DocumentSummary } from '../../../../shared/api';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../../../simulators/national-dmp';
import { createTestPki, type IssuedCredential, type TestPki } from '../../../../simulators/pki';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from '../../../support/example-doctor';
import { startDeskFixture, type DeskFixture } from '../../../support/desk-fixture';
import { memoryLogger } from '../../../support/memory-logger';
import { CONSULTATION_TYPE as CONSULTATION, EXAMPLE_PATIENT as PATIENT } from '../../../support/example-patient';

/**
 * Mask / unmask, patient visibility, delete and replace through the real router and services,
 * against the national DMP simulator over mutual TLS: its registry checks lid, PreviousVersion,
 * uniqueId, patient, codes and the rights of each change.
 */
const OTHER_DOCTOR = '899900038839';
const OTHER_STRUCTURE = '10B0000099';
const pdf = (label: string): Buffer =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${label} ${Math.random()}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );

let pki: TestPki;
let cps: { auth: IssuedCredential; sign: IssuedCredential };
let simulator: NationalDmpSimulator;
let desk: DeskFixture;
let client: DmpClient;
let otherDesk: DeskFixture;
let other: DmpClient;
/** The example patient, qualified at each desk: each names her by its own patientId. */
let patientId: string;
let otherPatientId: string;
const log = memoryLogger();
let config: DmpClientConfig;

beforeAll(async () => {
  pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-documents-actions') });
  cps = await pki.issueCps(EXAMPLE_DOCTOR_HOLDER);
  const otherCps = await pki.issueCps({
    ...EXAMPLE_DOCTOR_HOLDER,
    nationalId: OTHER_DOCTOR,
    lastName: 'TRAL',
    firstName: 'ADEMIS',
  });
  const server = await pki.issueServer(['localhost', '127.0.0.1']);
  simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
  });
  config = exampleDoctorConfig({
    baseUrl: simulator.url,
    caPem: pki.caCertPem,
    auth: cps.auth,
    signer: createSoftwareSigner(cps.sign),
  });
  const credentials = { caCertPem: pki.caCertPem, server };
  desk = await startDeskFixture({
    credentials: { ...credentials, cps },
    dmpUrl: simulator.url,
    holder: EXAMPLE_DOCTOR_HOLDER,
    logger: log.logger,
    structure: config.structure,
  });
  client = desk.client;
  patientId = await desk.qualify();
  // A doctor of another practice, authorized by the patient, who neither wrote the documents nor is the MT.
  otherDesk = await startDeskFixture({
    credentials: { ...credentials, cps: otherCps },
    dmpUrl: simulator.url,
    holder: { ...EXAMPLE_DOCTOR_HOLDER, nationalId: OTHER_DOCTOR, lastName: 'TRAL', firstName: 'ADEMIS' },
    structure: { ...config.structure, id: OTHER_STRUCTURE, name: 'CABINET TRAL' },
  });
  other = otherDesk.client;
  otherPatientId = await otherDesk.qualify();
  simulator.admin.authorizeProfessional(PATIENT.matricule, OTHER_DOCTOR);
}, 60_000);

afterAll(async () => {
  await desk?.close();
  await otherDesk?.close();
  await simulator?.close();
});

async function deposit(title: string, visibility: ('MASQUE_PS' | 'INVISIBLE_PATIENT')[] = []): Promise<string> {
  const result = await client.documents.deposit({
    patientId,
    title,
    type: CONSULTATION,
    pdfBase64: pdf(title).toString('base64'),
    visibility,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.uniqueId;
}

async function listed(
  uniqueId: string,
  status: DocumentStatus = 'approved',
  as: DmpClient = client,
): Promise<DocumentSummary[]> {
  const found = await as.documents.search({
    patientId: as === client ? patientId : otherPatientId,
    statuses: [status],
  });
  if (!found.ok) throw new Error(found.error.code);
  return found.value.documents.filter((d) => d.uniqueId === uniqueId);
}

async function current(uniqueId: string): Promise<DocumentSummary> {
  const [entry, ...more] = await listed(uniqueId);
  if (entry === undefined || more.length > 0) throw new Error(`expected one approved version, got ${more.length + 1}`);
  return entry;
}

describe('TD3.3a/b visibility against the DMP simulator', () => {
  it('masks then unmasks for the author, each change a new version of the same document', async () => {
    const uniqueId = await deposit('À masquer');
    const v1 = await current(uniqueId);
    expect(v1).toMatchObject({ maskedToProfessionals: false, visibility: [], version: '1' });

    const masked = await client.documents.setVisibility({
      patientId,
      entryUuid: v1.entryUuid,
      add: ['MASQUE_PS'],
    });
    expect(masked).toEqual({
      ok: true,
      value: { outcome: 'sent', outboxId: expect.any(String) as string, uniqueId, visibility: ['MASQUE_PS'] },
    });
    const v2 = await current(uniqueId);
    expect(v2).toMatchObject({ maskedToProfessionals: true, visibility: ['MASQUE_PS'], version: '2' });
    expect(v2.entryUuid).not.toBe(v1.entryUuid);
    expect(v2).toMatchObject({ title: v1.title, type: v1.type, author: v1.author, creationTime: v1.creationTime });
    expect((await listed(uniqueId, 'deprecated')).map((d) => d.entryUuid)).toEqual([v1.entryUuid]);

    const hidden = await client.documents.setVisibility({
      patientId,
      entryUuid: v2.entryUuid,
      add: ['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
      remove: ['MASQUE_PS'],
    });
    expect(hidden.ok).toBe(true);
    const v3 = await current(uniqueId);
    expect(v3.maskedToProfessionals).toBe(false);
    expect([...v3.visibility].sort()).toEqual(['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX']);

    const shown = await client.documents.setVisibility({
      patientId,
      entryUuid: v3.entryUuid,
      remove: ['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
    });
    expect(shown.ok).toBe(true);
    expect(await current(uniqueId)).toMatchObject({ visibility: [], version: '4' });

    // The content is the same document throughout.
    const read = await client.documents.retrieve({ patientId, uniqueId });
    expect(read.ok).toBe(true);
    // Masking is TD3.3a, what the patient and representatives see is TD3.3b.
    expect(log.text()).toContain('"name":"TD3.3a"');
    expect(log.text()).toContain('"name":"TD3.3b"');
    expect(log.text()).not.toContain('À masquer');
  }, 90_000);

  it('refuses a change on a version that is no longer current, locally and at the registry', async () => {
    const uniqueId = await deposit('Version périmée');
    const v1 = await current(uniqueId);
    const caller = createDocumentCaller(config);
    const answer = await caller({
      service: 'registry',
      action: ACTION.registryStoredQuery,
      patient: PATIENT,
      body: buildGetDocumentsByUuid([v1.entryUuid]),
    });
    const list = childElements(answer.payload, RIM, 'RegistryObjectList')[0];
    const stored = list && childElements(list, RIM, 'ExtrinsicObject')[0];
    if (stored === undefined) throw new Error('entry not returned');

    expect((await client.documents.setVisibility({ patientId, entryUuid: v1.entryUuid, add: ['MASQUE_PS'] })).ok).toBe(
      true,
    );

    // Through the desk: the old entry is Deprecated now, so nothing is sent.
    const again = await client.documents.setVisibility({
      patientId,
      entryUuid: v1.entryUuid,
      remove: ['MASQUE_PS'],
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'DOC_STALE_VERSION' } });

    // Sent anyway from the copy read before the change: the registry refuses PreviousVersion=1.
    const context = depositContext(config);
    const body = buildVisibilityUpdateFromEntry({
      submissionSet: {
        id: 'SubmissionSet01',
        uniqueId: '2.25.1234567',
        sourceId: config.software.senderOid,
        submissionTime: new Date(),
        title: 'Modification de la visibilité',
        contentType: context.contentType,
        patient: queryPatient(PATIENT),
        author: context.author,
        structure: context.structure,
      },
      registryEntry: stored,
      visibility: ['INVISIBLE_PATIENT'],
    });
    const refused = await caller({ service: 'registry', action: ACTION.updateDocumentSet, patient: PATIENT, body });
    expect(() => checkUpdateAnswer(refused.payload)).toThrow(
      expect.objectContaining({ code: 'DOC_STALE_VERSION', details: { errorCode: 'XDSMetadataVersionError' } }),
    );
    expect(await current(uniqueId)).toMatchObject({ visibility: ['MASQUE_PS'], version: '2' });
  }, 90_000);

  it('lets another doctor hide a document from the patient but not show it again (DMP_ACCESS_DENIED)', async () => {
    const uniqueId = await deposit('Masqué par un autre');
    const [seen] = await listed(uniqueId, 'approved', other);
    if (seen === undefined) throw new Error('the authorized doctor should see an unmasked document');
    const restricted = await other.documents.setVisibility({
      patientId: otherPatientId,
      entryUuid: seen.entryUuid,
      add: ['INVISIBLE_PATIENT'],
    });
    expect(restricted.ok).toBe(true);
    const [hidden] = await listed(uniqueId, 'approved', other);
    if (hidden === undefined) throw new Error('still visible to professionals');
    const lifted = await other.documents.setVisibility({
      patientId: otherPatientId,
      entryUuid: hidden.entryUuid,
      remove: ['INVISIBLE_PATIENT'],
    });
    expect(lifted).toMatchObject({ ok: false, error: { code: 'DMP_ACCESS_DENIED' } });
    expect((await current(uniqueId)).visibility).toEqual(['INVISIBLE_PATIENT']);
  }, 90_000);

  it("sends nothing when the wanted set is already the entry's, and never rewrites another patient's entry", async () => {
    const uniqueId = await deposit('Déjà masqué', ['MASQUE_PS']);
    const v1 = await current(uniqueId);
    const again = await client.documents.setVisibility({
      patientId,
      entryUuid: v1.entryUuid,
      add: ['MASQUE_PS'],
    });
    // Nothing queued either: no outbox item, no new version.
    expect(again).toEqual({ ok: true, value: { outcome: 'unchanged', uniqueId, visibility: ['MASQUE_PS'] } });
    expect(await current(uniqueId)).toMatchObject({ entryUuid: v1.entryUuid, version: '1' });

    // The same entry asked for under another patient (CORSE, who authorized this doctor too): the
    // registry answers only the VIHF patient's entries. A registry that did answer it is refused by
    // the desk itself (unit test on the official TD3.1 answer).
    const otherPatient = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
    const crossed = await client.documents.setVisibility({
      patientId: await desk.patientIdFor(otherPatient.matricule),
      entryUuid: v1.entryUuid,
      remove: ['MASQUE_PS'],
    });
    expect(crossed.ok).toBe(false);
    expect(await current(uniqueId)).toMatchObject({ entryUuid: v1.entryUuid, visibility: ['MASQUE_PS'] });
    if (!crossed.ok) expect(crossed.error.code).toBe('DOC_NOT_FOUND');
  }, 60_000);

  it('answers DOC_NOT_FOUND for an entry the registry does not hold, and refuses an empty change', async () => {
    const missing = await client.documents.setVisibility({
      patientId,
      entryUuid: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      add: ['MASQUE_PS'],
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'DOC_NOT_FOUND' } });
    const empty = await client.documents.setVisibility({
      patientId,
      entryUuid: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    });
    expect(empty.ok).toBe(false);
  }, 30_000);
});

describe('TD3.3c delete against the DMP simulator', () => {
  it('deletes an approved and an archived document of its author', async () => {
    for (const archivedFirst of [false, true]) {
      const uniqueId = await deposit(archivedFirst ? 'Archivé puis supprimé' : 'Supprimé');
      let entry = await current(uniqueId);
      if (archivedFirst) {
        const archived = await client.documents.setStatus({
          patientId,
          entryUuid: entry.entryUuid,
          currentStatus: 'approved',
          change: 'archive',
        });
        expect(archived.ok).toBe(true);
        [entry = entry] = await listed(uniqueId, 'archived');
      }
      const deleted = await client.documents.setStatus({
        patientId,
        entryUuid: entry.entryUuid,
        currentStatus: archivedFirst ? 'archived' : 'approved',
        change: 'delete',
      });
      expect(deleted).toEqual({
        ok: true,
        value: { outcome: 'sent', outboxId: expect.any(String) as string, uniqueId },
      });
      for (const status of ['approved', 'archived', 'deprecated'] as const) {
        expect(await listed(uniqueId, status)).toEqual([]);
      }
    }
    // The log names each change as the interface does: archive TD3.3d, delete TD3.3c.
    expect(log.text()).toContain('"name":"TD3.3d"');
    expect(log.text()).toContain('"name":"TD3.3c"');
  }, 90_000);

  it("refuses to delete another practice's document with DMP_ACCESS_DENIED", async () => {
    const uniqueId = await deposit('Pas le vôtre');
    const [seen] = await listed(uniqueId, 'approved', other);
    if (seen === undefined) throw new Error('not visible to the other doctor');
    const refused = await other.documents.setStatus({
      patientId: otherPatientId,
      entryUuid: seen.entryUuid,
      currentStatus: 'approved',
      change: 'delete',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DMP_ACCESS_DENIED' } });
    expect(await current(uniqueId)).toMatchObject({ status: 'approved' });
  }, 60_000);
});

describe('RPLC replace against the DMP simulator', () => {
  it('deprecates the old version and approves the new one in the same set, version + 1', async () => {
    const oldUniqueId = await deposit('Première version');
    const old = await current(oldUniqueId);
    const replaced = await client.documents.deposit({
      patientId,
      title: 'Seconde version',
      type: CONSULTATION,
      pdfBase64: pdf('v2').toString('base64'),
      replaces: { entryUuid: old.entryUuid, uniqueId: oldUniqueId },
    });
    if (!replaced.ok) throw new Error(replaced.error.code);
    expect(await listed(oldUniqueId)).toEqual([]);
    expect((await listed(oldUniqueId, 'deprecated')).map((d) => d.entryUuid)).toEqual([old.entryUuid]);
    expect(await current(replaced.value.uniqueId)).toMatchObject({ title: 'Seconde version', status: 'approved' });

    // Both CDA headers, read back from the repository: same setId, the new one is version 2.
    const caller = createDocumentCaller(config);
    const before = await readReplacedDocument(caller, PATIENT, { entryUuid: old.entryUuid, uniqueId: oldUniqueId });
    const after = await readReplacedDocument(caller, PATIENT, {
      entryUuid: old.entryUuid,
      uniqueId: replaced.value.uniqueId,
    });
    expect(before.versionNumber).toBe(1);
    expect(after).toMatchObject({ setId: before.setId, versionNumber: 2 });
  }, 90_000);

  it("refuses another practice's replacement with DMP_ACCESS_DENIED, the old version staying current", async () => {
    const oldUniqueId = await deposit('Remplacé par un autre');
    const [seen] = await listed(oldUniqueId, 'approved', other);
    if (seen === undefined) throw new Error('not visible to the other doctor');
    const refused = await other.documents.deposit({
      patientId: otherPatientId,
      title: 'Pas votre version',
      type: CONSULTATION,
      pdfBase64: pdf('other').toString('base64'),
      replaces: { entryUuid: seen.entryUuid, uniqueId: oldUniqueId },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DMP_ACCESS_DENIED' } });
    expect(await current(oldUniqueId)).toMatchObject({ status: 'approved', entryUuid: seen.entryUuid });
  }, 90_000);

  it('refuses to replace a version that was already replaced', async () => {
    const oldUniqueId = await deposit('Déjà remplacé');
    const old = await current(oldUniqueId);
    const first = await client.documents.deposit({
      patientId,
      title: 'Remplaçant',
      type: CONSULTATION,
      pdfBase64: pdf('r1').toString('base64'),
      replaces: { entryUuid: old.entryUuid, uniqueId: oldUniqueId },
    });
    expect(first.ok).toBe(true);
    const second = await client.documents.deposit({
      patientId,
      title: 'Second remplaçant',
      type: CONSULTATION,
      pdfBase64: pdf('r2').toString('base64'),
      replaces: { entryUuid: old.entryUuid, uniqueId: oldUniqueId },
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'DOC_REGISTRY_ERROR' } });
  }, 90_000);
});
