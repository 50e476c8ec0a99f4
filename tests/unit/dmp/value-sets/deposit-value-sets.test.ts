import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../../../main/crypto/signer';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import { createDocumentsHandlers, type DocumentsGroupHandlers } from '../../../../main/dmp/documents';
import { loadAtStart } from '../../../../main/dmp/value-sets';
import { createTestPki, type IssuedCredential } from '../../../../simulators/pki';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from '../../../support/example-doctor';
import { memoryLogger } from '../../../support/memory-logger';
import {
  endpointOf,
  fixedPatients,
  fixedPractitioner,
  qualifiedPatient,
  recordingConnection,
  unitPipeline,
} from '../../../support/unit-pipeline';

/** The deposit checks its codes against the packaged value sets before the card is asked to sign. */
const PATIENT_ID = '5b7e1c2a-9f3d-4e8b-8a6c-1d2e3f4a5b01';
const PATIENT = qualifiedPatient(
  PATIENT_ID,
  { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' },
  { birthName: 'PATB-QUATRE', firstNames: ['LAURENCE'], sex: 'F', birthDate: '1907-05-25', birthPlace: '75056' },
);
const LOINC = '2.16.840.1.113883.6.1';
const REQUEST: Parameters<DocumentsGroupHandlers['deposit']>[0] = {
  patientId: PATIENT_ID,
  title: 'Compte rendu',
  type: { code: '11488-4', codeSystem: LOINC, displayName: 'CR ou fiche de consultation ou de visite' },
  pdfBase64: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1').toString('base64'),
  visibility: [],
};

let cps: { auth: IssuedCredential; sign: IssuedCredential };
beforeAll(async () => {
  const pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-value-sets') });
  cps = await pki.issueCps(EXAMPLE_DOCTOR_HOLDER);
}, 60_000);

function desk(options: { activitySector?: string; valueSetsDir?: string } = {}) {
  const real = createSoftwareSigner(cps.sign);
  let signatures = 0;
  const signer: Signer = {
    ...real,
    sign: async (data) => {
      signatures += 1;
      return real.sign(data);
    },
  };
  const base = exampleDoctorConfig({ baseUrl: 'https://127.0.0.1:1', caPem: '', auth: cps.auth, signer });
  const endpoint = endpointOf(base);
  const connection = recordingConnection(
    {
      ...endpoint,
      structure: { ...endpoint.structure, activitySector: options.activitySector ?? endpoint.structure.activitySector },
    },
    // The shape of a refused deposit is enough here: what matters is whether it was sent at all.
    () => Promise.reject(new Error('sent')),
  );
  const log = memoryLogger();
  const { pipeline } = unitPipeline({
    connection,
    patients: fixedPatients([PATIENT]),
    practitioner: fixedPractitioner({ practitioner: base.practitioner, signer }),
    logger: log.logger,
  });
  const handlers = createDocumentsHandlers({
    pipeline,
    logger: log.logger,
    valueSets: loadAtStart(options.valueSetsDir ?? resolve('resources', 'value-sets')),
  });
  return { handlers, calls: connection.calls, signatures: () => signatures, log };
}

describe('deposit against the packaged value sets', () => {
  it('a type in JDV_J07 is signed and sent (the control for the refusals below)', async () => {
    const { handlers, calls, signatures } = desk();
    await expect(handlers.deposit(REQUEST, undefined)).rejects.toThrow('sent');
    expect(signatures()).toBeGreaterThan(0);
    expect(calls).toHaveLength(1);
  });

  it("the CDA header carries the qualified identity's traits, taken by main, never the request's", async () => {
    const { handlers, calls } = desk();
    await expect(handlers.deposit(REQUEST, undefined)).rejects.toThrow('sent');
    expect(calls[0]?.patient).toEqual(PATIENT.ins);
    const sent = (calls[0]?.attachments ?? []).map((part) => Buffer.from(part.data).toString('utf8')).join('\n');
    expect(sent).toContain('PATB-QUATRE');
    expect(sent).toContain('LAURENCE');
    expect(sent).toContain('19070525');
    expect(sent).toContain(PATIENT.ins.matricule);
  });

  it('a typeCode outside JDV_J07 is DOC_CODE_NOT_IN_VALUE_SET before anything is signed or sent', async () => {
    const { handlers, calls, signatures } = desk();
    const request = { ...REQUEST, type: { code: '99999-9', codeSystem: LOINC, displayName: 'Inconnu' } };
    await expect(handlers.deposit(request, undefined)).rejects.toMatchObject({
      code: 'DOC_CODE_NOT_IN_VALUE_SET',
      details: { field: 'typeCode', code: '99999-9', valueSet: '1.2.250.1.213.1.1.5.471' },
    });
    expect(signatures()).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('a J07 code under the wrong code system is refused too', async () => {
    const { handlers, signatures } = desk();
    const request = { ...REQUEST, type: { ...REQUEST.type, codeSystem: '1.2.250.1.213.1.1.4.12' } };
    await expect(handlers.deposit(request, undefined)).rejects.toMatchObject({ code: 'DOC_CODE_NOT_IN_VALUE_SET' });
    expect(signatures()).toBe(0);
  });

  it('a structure whose activity sector is not in JDV_J02 cannot deposit', async () => {
    const { handlers, calls, signatures } = desk({ activitySector: 'SA99' });
    await expect(handlers.deposit(REQUEST, undefined)).rejects.toMatchObject({
      code: 'DOC_CODE_NOT_IN_VALUE_SET',
      details: { field: 'facilityType', code: 'SA99' },
    });
    expect(signatures()).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('without its value sets the desk refuses deposits and types with VALUE_SETS_UNAVAILABLE, and still searches', async () => {
    const { handlers, calls, signatures } = desk({ valueSetsDir: join(tmpdir(), 'dmp-desk-no-value-sets-here') });
    await expect(handlers.deposit(REQUEST, undefined)).rejects.toMatchObject({ code: 'VALUE_SETS_UNAVAILABLE' });
    await expect(handlers.depositTypes({}, undefined)).rejects.toMatchObject({ code: 'VALUE_SETS_UNAVAILABLE' });
    expect(signatures()).toBe(0);
    await expect(handlers.search({ patientId: PATIENT_ID, statuses: ['approved'] }, undefined)).rejects.toThrow('sent');
    expect(calls).toHaveLength(1);
  });

  it('documents.depositTypes answers the offer with the common types first', async () => {
    const { handlers } = desk();
    const { types } = await handlers.depositTypes({}, undefined);
    expect(types[0]).toEqual({
      code: '11488-4',
      codeSystem: LOINC,
      displayName: 'CR ou fiche de consultation ou de visite',
      common: true,
    });
  });
});
