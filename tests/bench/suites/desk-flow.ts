import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../shared/errors';
import { EXAMPLE_DOCTOR, startNationalDmpSimulator } from '../../../simulators/national-dmp';
import { createTestPki } from '../../../simulators/pki';
import { startDeskFixture, type DeskFixture } from '../../support/desk-fixture';
import { round, type BenchResult } from '../types';

/**
 * The desk flow on one patient through the one DMP pipeline — TD0.2 → TD0.3 → TD3.1 → TD3.2 →
 * TD2.1 — counting what the CPS in the reader does: private-key operations and APDUs. The target
 * is one VIHF signature for the patient while its token is valid, plus the document's XAdES.
 * Baseline, same run and same desk code: a token signed for every call (VIHF cache off), which is
 * what each call costs without the practitioner's one VIHF cache.
 */
const HOLDER = { nationalId: EXAMPLE_DOCTOR, lastName: 'LIBRE', firstName: 'MAX', profession: '10', specialty: 'SM26' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

async function answer<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

interface FlowCount {
  readonly signatures: number;
  readonly apdus: number;
  readonly ms: number;
}

async function flow(desk: DeskFixture, patientId: string): Promise<FlowCount> {
  const { dmp, documents } = desk.client;
  const before = desk.services.cards.counters();
  const started = performance.now();
  await answer(dmp.checkAccess({ patientId, accessMode: 'normal' }));
  await answer(dmp.setAuthorization({ patientId, action: 'grant', treatingPhysician: true }));
  const listed = await answer(documents.search({ patientId }));
  const first = listed.documents[0];
  if (first !== undefined) await answer(documents.retrieve({ patientId, uniqueId: first.uniqueId }));
  await answer(
    documents.deposit({
      patientId,
      title: 'Compte rendu (bench)',
      type: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
      pdfBase64: PDF.toString('base64'),
    }),
  );
  const ms = performance.now() - started;
  const after = desk.services.cards.counters();
  return { signatures: after.signatures - before.signatures, apdus: after.apdus - before.apdus, ms };
}

export async function run(): Promise<BenchResult[]> {
  const pki = await createTestPki({ seedDir: join(tmpdir(), 'dmp-desk-test-pki-desk-flow') });
  const cps = await pki.issueCps(HOLDER);
  const server = await pki.issueServer(['localhost', '127.0.0.1']);
  const simulator = await startNationalDmpSimulator({
    host: '127.0.0.1',
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
    seedDocuments: true,
  });
  const measure = async (vihfTtlMs?: number): Promise<FlowCount> => {
    const desk = await startDeskFixture({
      credentials: { caCertPem: pki.caCertPem, server, cps },
      dmpUrl: simulator.url,
      holder: HOLDER,
      ...(vihfTtlMs === undefined ? {} : { vihfTtlMs }),
    });
    try {
      return await flow(desk, await desk.qualify());
    } finally {
      await desk.close();
    }
  };
  try {
    const cached = await measure();
    const uncached = await measure(0);
    return [
      {
        name: 'desk flow TD0.2→TD0.3→TD3.1→TD3.2→TD2.1: CPS signatures',
        unit: 'signatures',
        median: cached.signatures,
        samples: 1,
        baseline: uncached.signatures,
        ratio: round(cached.signatures / uncached.signatures),
        extra: {
          targetIs: 'one VIHF signature for the patient + the XAdES of the deposit',
          baselineIs: 'the same flow with a VIHF signed for every call',
          apdus: cached.apdus,
          baselineApdus: uncached.apdus,
          ms: round(cached.ms),
          baselineMs: round(uncached.ms),
        },
      },
    ];
  } finally {
    await simulator.close();
  }
}
