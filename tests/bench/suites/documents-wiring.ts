import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCdaN1 } from '../../../main/dmp/cda';
import { displayableContent } from '../../../main/dmp/documents/cda-content';
import type { Result } from '../../../shared/errors';
import { EXAMPLE_DOCTOR, startNationalDmpSimulator } from '../../../simulators/national-dmp';
import { createTestPki } from '../../../simulators/pki';
import { startDeskFixture } from '../../support/desk-fixture';
import { cdaInput } from '../../unit/dmp/documents/fixtures';
import { median, round, type BenchResult } from '../types';

/**
 * The Documents screen's read path with a 1 MB PDF: (1) extracting the PDF from the retrieved CDA
 * (safe XML parse + base64 decode), against the base64 decode alone; (2) `documents.retrieve`
 * end to end against the local DMP simulator over mutual TLS (VIHF, ITI-43, MTOM, extraction,
 * base64 for the contract), and `documents.search` of the same patient.
 */
const RUNS = 9;
const PDF_BYTES = 1024 * 1024;

async function answer<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

async function timeEach(runs: number, work: () => unknown): Promise<number[]> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

export async function run(): Promise<BenchResult[]> {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(PDF_BYTES - 9)]);
  const cda = Buffer.from(buildCdaN1(cdaInput({ body: { mediaType: 'application/pdf', content: pdf } })).xml, 'utf8');
  const base64 = pdf.toString('base64');
  const extract = median(await timeEach(RUNS, () => displayableContent(cda)));
  const decode = median(await timeEach(RUNS, () => Buffer.from(base64, 'base64')));

  const pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-documents-wiring') });
  const holder = {
    nationalId: EXAMPLE_DOCTOR,
    lastName: 'LIBRE',
    firstName: 'MAX',
    profession: '10',
    specialty: 'SM26',
  };
  const cps = await pki.issueCps(holder);
  const server = await pki.issueServer(['localhost', '127.0.0.1']);
  const simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
  });
  // The desk as it runs: the router, the CPS in a (virtual) reader, the patient qualified through INSi.
  const desk = await startDeskFixture({
    credentials: { caCertPem: pki.caCertPem, server, cps },
    dmpUrl: simulator.url,
    holder,
  });
  try {
    const patientId = await desk.qualify();
    const { documents } = desk.client;
    const { uniqueId } = await answer(
      documents.deposit({
        patientId,
        title: 'Bench',
        type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
        pdfBase64: base64,
        visibility: [],
      }),
    );
    const retrieve = median(await timeEach(RUNS, () => answer(documents.retrieve({ patientId, uniqueId }))));
    const search = median(await timeEach(RUNS, () => answer(documents.search({ patientId, statuses: ['approved'] }))));
    return [
      {
        name: 'documents: PDF extraction from a 1 MB N1 CDA',
        unit: 'ms',
        median: round(extract),
        samples: RUNS,
        baseline: round(decode),
        ratio: round(extract / decode),
        extra: { baselineIs: 'base64 decode of the PDF alone' },
      },
      {
        name: 'documents.retrieve 1 MB PDF (simulator, mutual TLS)',
        unit: 'ms',
        median: round(retrieve),
        samples: RUNS,
      },
      { name: 'documents.search (simulator, mutual TLS)', unit: 'ms', median: round(search), samples: RUNS },
    ];
  } finally {
    await desk.close();
    await simulator.close();
  }
}
