import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../../../main/crypto/software-signer';
import type { Services } from '../../../../main/services';
import type { DmpClient, ReadableNode } from '../../../../shared/api';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../../../simulators/national-dmp';
import { createTestPki, type TestPki } from '../../../../simulators/pki';
import { EXAMPLE_DOCTOR_HOLDER, exampleDoctorConfig } from '../../../support/example-doctor';
import { inProcessClient } from '../../../support/in-process-client';
import { memoryLogger } from '../../../support/memory-logger';
import { useTempDir } from '../../../support/temp-dir';
import { createTestServices } from '../../../support/test-services';

/**
 * A structured CDA kept by the DMP simulator (its training synthesis) read through `documents.retrieve`,
 * the real router and service graph over mutual TLS: the viewer gets a readable tree, never XML.
 */
const PATIENT = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
const STRUCTURED_TITLE = 'Synthese medicale structuree (formation)';

const tempDir = useTempDir();
let pki: TestPki;
let simulator: NationalDmpSimulator;
let services: Services;
let client: DmpClient;
const log = memoryLogger();

beforeAll(async () => {
  pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-cda-readable') });
  const cps = await pki.issueCps(EXAMPLE_DOCTOR_HOLDER);
  const server = await pki.issueServer(['localhost', '127.0.0.1']);
  simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
    seedDocuments: true,
  });
  const dmp = exampleDoctorConfig({
    baseUrl: simulator.url,
    caPem: pki.caCertPem,
    auth: cps.auth,
    signer: createSoftwareSigner(cps.sign),
  });
  services = createTestServices(await tempDir(), { dmp, logger: log.logger });
  client = inProcessClient(services);
}, 60_000);

afterAll(async () => {
  await services?.dispose();
  await simulator?.close();
});

const texts = (nodes: readonly ReadableNode[]): string[] =>
  nodes.flatMap((node) => {
    if (node.type === 'text') return [node.text];
    if (node.type === 'table') {
      return node.bodies.flat().flatMap((row) => row.cells.flatMap((cell) => texts(cell.children)));
    }
    return [];
  });

describe('documents.retrieve of a structured CDA', () => {
  it('answers the readable tree: header and sections of the stored CDA', async () => {
    const found = await client.documents.search({ patient: PATIENT });
    if (!found.ok) throw new Error(found.error.code);
    const entry = found.value.documents.find((d) => d.title === STRUCTURED_TITLE);
    expect(entry).toBeDefined();

    const read = await client.documents.retrieve({ patient: PATIENT, uniqueId: entry?.uniqueId ?? '' });
    if (!read.ok) throw new Error(read.error.code);
    if (read.value.mediaType !== 'application/hl7-cda+xml') throw new Error(read.value.mediaType);
    const { header, sections } = read.value.readable;
    expect(header).toMatchObject({
      title: STRUCTURED_TITLE,
      effectiveTime: '20260215090000',
      authors: [{ name: 'MAX LIBRE', organization: null }],
      custodian: 'CABINET DR LIBRE',
      version: '1',
    });
    expect(sections.map((s) => [s.title, s.code?.code])).toEqual([
      ['Pathologies en cours', '11450-4'],
      ['Traitements au long cours', '10160-0'],
    ]);
    expect(texts(sections[0]?.narrative ?? [])).toEqual([
      'Hypertension arterielle',
      'depuis 2019',
      'Asthme',
      'depuis l enfance',
    ]);
    // The read is in the patient's access history, like any other.
    expect(simulator.admin.accessHistory(PATIENT.matricule).some((r) => JSON.stringify(r).includes('TD3.2'))).toBe(
      true,
    );
    // Nothing of the document reaches the log.
    expect(log.text()).not.toContain('Hypertension');
  }, 60_000);

  it('still answers an N1 document of the same patient as its PDF', async () => {
    const found = await client.documents.search({ patient: PATIENT });
    if (!found.ok) throw new Error(found.error.code);
    const pdfEntry = found.value.documents.find((d) => d.title !== STRUCTURED_TITLE);
    const read = await client.documents.retrieve({ patient: PATIENT, uniqueId: pdfEntry?.uniqueId ?? '' });
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.mediaType).toBe('application/pdf');
  }, 30_000);
});
