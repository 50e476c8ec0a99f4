import { describe, expect, it } from 'vitest';
import { inProcessClient } from '../../../support/in-process-client';
import { useSimulatedDesk } from '../../../support/simulated-dmp';
import { useTempDir } from '../../../support/temp-dir';
import { createTestServices } from '../../../support/test-services';
import {
  CONSULTATION_TYPE as CONSULTATION,
  EXAMPLE_PATIENT as PATIENT,
  EXAMPLE_PATIENT_TRAITS as TRAITS,
} from '../../../support/example-patient';

/**
 * The `documents.*` group through the real router and service graph, against the national DMP
 * simulator over mutual TLS: what the Documents screen calls is what is tested here.
 */
const SECRET_TITLE = 'Suivi diabète confidentiel';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    `% ${Math.random().toString(36)}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  'latin1',
);

const tempDir = useTempDir();
const desk = useSimulatedDesk({ pkiName: 'documents-wiring' });
const { log } = desk;

describe('documents.* against the DMP simulator', () => {
  it('deposits a PDF, finds it, and reads back the same PDF bytes', async () => {
    const deposited = await desk.client.documents.deposit({
      patientId: desk.patientId,
      title: SECRET_TITLE,
      type: CONSULTATION,
      pdfBase64: PDF.toString('base64'),
      visibility: ['MASQUE_PS'],
    });
    if (!deposited.ok) throw new Error(deposited.error.code);
    const { uniqueId } = deposited.value;

    const found = await desk.client.documents.search({ patientId: desk.patientId });
    if (!found.ok) throw new Error(found.error.code);
    const entry = found.value.documents.find((d) => d.uniqueId === uniqueId);
    expect(entry).toMatchObject({
      title: SECRET_TITLE,
      type: { code: '11488-4' },
      status: 'approved',
      author: 'MAX LIBRE',
      maskedToProfessionals: true,
      visibility: ['MASQUE_PS'],
    });

    // The deposit's XAdES entry is proof, not a document: it is not listed.
    expect(found.value.documents.some((d) => d.type?.code === 'E1762')).toBe(false);

    const read = await desk.client.documents.retrieve({ patientId: desk.patientId, uniqueId });
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.mediaType).toBe('application/pdf');
    expect(Buffer.from('contentBase64' in read.value ? read.value.contentBase64 : '', 'base64').equals(PDF)).toBe(true);

    // The transactions are logged, never the title, the patient or the content.
    expect(log.text()).toContain('TD2.1');
    for (const secret of [SECRET_TITLE, PATIENT.matricule, TRAITS.birthFamily, PDF.toString('base64').slice(0, 40)]) {
      expect(log.text()).not.toContain(secret);
    }
  }, 60_000);

  it('filters by status: an approved document is not in the archived list', async () => {
    const archived = await desk.client.documents.search({ patientId: desk.patientId, statuses: ['archived'] });
    if (!archived.ok) throw new Error(archived.error.code);
    expect(archived.value.documents.every((d) => d.status === 'archived')).toBe(true);
  }, 30_000);

  it('archives a document and brings it back (TD3.3), the registry refusing a stale status', async () => {
    const deposited = await desk.client.documents.deposit({
      patientId: desk.patientId,
      title: 'À archiver',
      type: CONSULTATION,
      pdfBase64: PDF.toString('base64'),
    });
    if (!deposited.ok) throw new Error(deposited.error.code);
    const listed = async (status: 'approved' | 'archived') => {
      const found = await desk.client.documents.search({ patientId: desk.patientId, statuses: [status] });
      if (!found.ok) throw new Error(found.error.code);
      return found.value.documents.find((d) => d.uniqueId === deposited.value.uniqueId);
    };
    const entry = await listed('approved');
    if (entry === undefined) throw new Error('not listed');

    const archived = await desk.client.documents.setStatus({
      patientId: desk.patientId,
      entryUuid: entry.entryUuid,
      currentStatus: 'approved',
      change: 'archive',
    });
    expect(archived).toEqual({
      ok: true,
      value: { outcome: 'sent', outboxId: expect.any(String) as string, uniqueId: deposited.value.uniqueId },
    });
    expect(await listed('approved')).toBeUndefined();
    expect((await listed('archived'))?.status).toBe('archived');

    const stale = await desk.client.documents.setStatus({
      patientId: desk.patientId,
      entryUuid: entry.entryUuid,
      currentStatus: 'approved',
      change: 'archive',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'DOC_REGISTRY_ERROR' } });

    const back = await desk.client.documents.setStatus({
      patientId: desk.patientId,
      entryUuid: entry.entryUuid,
      currentStatus: 'archived',
      change: 'unarchive',
    });
    expect(back.ok).toBe(true);
    expect((await listed('approved'))?.status).toBe('approved');
  }, 60_000);

  it('refuses a file that is not a PDF before anything is signed or sent', async () => {
    const result = await desk.client.documents.deposit({
      patientId: desk.patientId,
      title: 'x',
      type: CONSULTATION,
      pdfBase64: Buffer.from('<html>not a pdf</html>').toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'DOC_INVALID_INPUT' } });
  });

  it('refuses a type the desk cannot classify with a stable code', async () => {
    const result = await desk.client.documents.deposit({
      patientId: desk.patientId,
      title: 'x',
      type: { code: '00000-0', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Inconnu' },
      pdfBase64: PDF.toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'DOC_CODE_NOT_IN_VALUE_SET' } });
  });

  it('answers DOC_NOT_FOUND for a document the repository does not hold', async () => {
    const result = await desk.client.documents.retrieve({
      patientId: desk.patientId,
      uniqueId: '1.2.250.1.999.424242',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('DOC_NOT_FOUND');
  }, 30_000);

  it('answers DMP_NOT_CONFIGURED without a DMP configuration', async () => {
    const bare = createTestServices(await tempDir());
    const result = await inProcessClient(bare).documents.search({ patientId: desk.patientId });
    expect(result).toMatchObject({ ok: false, error: { code: 'DMP_NOT_CONFIGURED' } });
    await bare.dispose();
  });
});
