import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSoftwareSigner } from '../../../main/crypto/software-signer';
import type { Signer } from '../../../main/crypto/signer';
import { createVihf, type VihfInput } from '../../../main/dmp/vihf';
import { ACTION, buildDeposit, type DepositInput } from '../../../main/dmp/xds';
import { buildEnvelope, wsSecurityHeader } from '../../../main/soap';
import { encodeMtomRequest } from '../../../main/soap/mtom';
import { createTestPki } from '../../../simulators/pki';
import { median, round, type BenchResult } from '../types';

/**
 * TD2.1 deposit of a 1 MB PDF, everything but the network: CDA R2 N1 (base64 body), XDS metadata,
 * C14N + SHA-256 of the CDA, XAdES signature, VIHF signature, SOAP envelope and MTOM packaging, with
 * a software key. Baseline, same run: SHA-256 + base64 of the PDF alone (the irreducible work).
 */
const RUNS = 9;
const PDF_BYTES = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PATIENT = {
  ins: { root: '1.2.250.1.213.1.4.10', extension: '279035121518989' },
  birthFamily: 'PAT-TROIS',
  givenNames: 'DOMINIQUE',
  sex: 'F',
  birthDate: '19790328',
  birthPlaceCode: '88150',
} as const;

function pdf(): Uint8Array {
  const head = Buffer.from('%PDF-1.4\n');
  return new Uint8Array(Buffer.concat([head, randomBytes(PDF_BYTES - head.length)]));
}

async function fullDeposit(input: DepositInput, vihf: VihfInput, signer: Signer): Promise<number> {
  const deposit = await buildDeposit(input);
  const envelope = buildEnvelope({
    action: ACTION.provideAndRegister,
    to: 'https://127.0.0.1/repository',
    extraHeaders: [wsSecurityHeader(await createVihf(vihf, signer))],
    body: deposit.request.body,
  });
  return encodeMtomRequest(envelope, ACTION.provideAndRegister, deposit.request.attachments).data.length;
}

/** Wall time and heap + ArrayBuffer growth of one call from a collected heap (a lower bound of its allocations). */
async function measure(work: () => unknown): Promise<{ ms: number; mb: number }> {
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  const kept = await work();
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  void kept;
  const mb = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / (1024 * 1024);
  return { ms, mb };
}

export async function run(): Promise<BenchResult[]> {
  const pki = await createTestPki();
  const cps = await pki.issueCps({ nationalId: '899700000101', lastName: 'LIBRE', firstName: 'MAX', profession: '10' });
  const signer = createSoftwareSigner(cps.sign);
  const content = pdf();
  const input: DepositInput = {
    content,
    mediaType: 'application/pdf',
    title: 'Compte rendu de consultation',
    typeCode: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Compte rendu de consultation' },
    patient: PATIENT,
    author: {
      nationalId: '899700000101',
      family: 'LIBRE',
      given: 'MAX',
      specialty: { code: 'G15_10/SM26', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'Médecine générale' },
    },
    structure: {
      id: '499900063480001',
      name: 'CABINET DR LIBRE',
      facilityType: { code: 'SA07', codeSystem: '1.2.250.1.71.4.2.4', displayName: 'Cabinet individuel' },
      practiceSetting: { code: 'AMBULATOIRE', codeSystem: '1.2.250.1.213.1.1.4.9', displayName: 'Ambulatoire' },
    },
    contentType: { code: '04', codeSystem: '1.2.250.1.213.2.2', displayName: 'Hospitalisation de jour' },
    sourceId: '1.2.250.1.999.1.1.7898',
    signer,
  };
  const vihf: VihfInput = {
    practitioner: {
      nationalId: '899700000101',
      firstName: 'MAX',
      lastName: 'LIBRE',
      roles: [{ code: '10', codeSystem: '1.2.250.1.71.1.2.7' }],
    },
    structure: { id: '499900063480001', activitySector: 'SA07' },
    software: { name: 'DMP Desk', version: '0', homologationId: 'BENCH' },
    authMode: 'DIRECTE',
    accessMode: 'normal',
    patient: { matricule: PATIENT.ins.extension, oid: PATIENT.ins.root },
  };
  const baselineWork = () => [createHash('sha256').update(content).digest(), Buffer.from(content).toString('base64')];
  await fullDeposit(input, vihf, signer); // warm-up (JIT, certificate parsing)
  const ours: { ms: number; mb: number }[] = [];
  const floor: { ms: number; mb: number }[] = [];
  let wireBytes = 0;
  for (let i = 0; i < RUNS; i += 1) {
    ours.push(
      await measure(async () => {
        wireBytes = await fullDeposit(input, vihf, signer);
        return wireBytes;
      }),
    );
    floor.push(await measure(baselineWork));
  }
  const ms = median(ours.map((s) => s.ms));
  const base = median(floor.map((s) => s.ms));
  return [
    {
      name: 'dmp.deposit_1mb_pdf_ms',
      unit: 'ms',
      median: round(ms, 2),
      samples: RUNS,
      baseline: round(base, 2),
      ratio: round(ms / base),
      extra: {
        alloc_mb_lower_bound: round(median(ours.map((s) => s.mb)), 1),
        baseline_alloc_mb_lower_bound: round(median(floor.map((s) => s.mb)), 1),
        wire_bytes: wireBytes,
      },
    },
  ];
}
