import { describe, expect, it } from 'vitest';
import type { ReadableNode } from '../../../../shared/api';
import { useSimulatedDesk } from '../../../support/simulated-dmp';

/**
 * A structured CDA kept by the DMP simulator (its training synthesis) read through `documents.retrieve`,
 * the real router and service graph over mutual TLS: the viewer gets a readable tree, never XML.
 */
const PATIENT = { matricule: '180032B02040123', oid: '1.2.250.1.213.1.4.8' } as const;
const STRUCTURED_TITLE = 'Synthese medicale structuree (formation)';

const desk = useSimulatedDesk({ pkiName: 'cda-readable', seedDocuments: true });
const { log } = desk;

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
    const found = await desk.client.documents.search({ patientId: await desk.fixture.patientIdFor(PATIENT.matricule) });
    if (!found.ok) throw new Error(found.error.code);
    const entry = found.value.documents.find((d) => d.title === STRUCTURED_TITLE);
    expect(entry).toBeDefined();

    const read = await desk.client.documents.retrieve({
      patientId: await desk.fixture.patientIdFor(PATIENT.matricule),
      uniqueId: entry?.uniqueId ?? '',
    });
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
    expect(desk.simulator.admin.accessHistory(PATIENT.matricule).some((r) => JSON.stringify(r).includes('TD3.2'))).toBe(
      true,
    );
    // Nothing of the document reaches the log.
    expect(log.text()).not.toContain('Hypertension');
  }, 60_000);

  it('still answers an N1 document of the same patient as its PDF', async () => {
    const found = await desk.client.documents.search({ patientId: await desk.fixture.patientIdFor(PATIENT.matricule) });
    if (!found.ok) throw new Error(found.error.code);
    const pdfEntry = found.value.documents.find((d) => d.title !== STRUCTURED_TITLE);
    const read = await desk.client.documents.retrieve({
      patientId: await desk.fixture.patientIdFor(PATIENT.matricule),
      uniqueId: pdfEntry?.uniqueId ?? '',
    });
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.mediaType).toBe('application/pdf');
  }, 30_000);
});
