import { sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { DOMParser } from '@xmldom/xmldom';
import { createSoftwareSigner } from '../../../main/crypto/software-signer';
import { createDmpClient } from '../../../main/dmp/client';
import { buildPatientQuery } from '../../../main/dmp/hl7v3';
import { checkAccess } from '../../../main/dmp/transactions/check-access';
import { buildVihf, createVihf, subjectDn, type VihfInput } from '../../../main/dmp/vihf';
import { buildEnvelope, wsSecurityHeader } from '../../../main/soap';
import { parseXmlSafely } from '../../../main/xml';
import { EXAMPLE_DOCTOR, EXAMPLE_STRUCTURE, startNationalDmpSimulator } from '../../../simulators/national-dmp';
import { createTestPki } from '../../../simulators/pki';
import { vectorsPath } from '../../support/vectors';
import { barePost } from '../bare-post';
import { median, round, type BenchResult } from '../types';

const RUNS = 7;
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const ROLES = [
  { code: '10', codeSystem: '1.2.250.1.71.1.2.7' },
  { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5' },
] as const;

const msPer = async (count: number, work: () => unknown): Promise<number> => {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await work();
  return (performance.now() - started) / count;
};

/** Hardened parse of the official TD0.2 answer; baseline = bare xmldom on the same text (the cost of the checks). */
async function parseOverhead(): Promise<BenchResult> {
  const text = await readFile(vectorsPath('dmp-messages', 'TD0.2_-_Test_dexistence_response.xml'), 'utf8');
  const ours: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    ours.push(await msPer(500, () => parseXmlSafely(text)));
    bare.push(await msPer(500, () => new DOMParser().parseFromString(text, 'text/xml')));
  }
  return {
    name: 'dmp.parse_td02_response_ms',
    unit: 'ms',
    median: round(median(ours), 4),
    samples: RUNS,
    baseline: round(median(bare), 4),
    ratio: round(median(ours) / median(bare)),
  };
}

/** VIHF build + XML-DSig through the Signer; baseline = the bare RSA-SHA256 signature it contains. */
async function vihfSigning(input: VihfInput, keyPem: string, certPem: string): Promise<BenchResult> {
  const signer = createSoftwareSigner({ keyPem, certPem });
  const data = Buffer.from(buildVihf(input, subjectDn(signer.certificateDer)).xml.slice(0, 900));
  const ours: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    ours.push(await msPer(30, () => createVihf(input, signer)));
    floor.push(await msPer(30, () => sign('sha256', data, keyPem)));
  }
  return {
    name: 'dmp.vihf_sign_ms',
    unit: 'ms',
    median: round(median(ours), 3),
    samples: RUNS,
    baseline: round(median(floor), 3),
    ratio: round(median(ours) / median(floor)),
  };
}

export async function run(): Promise<BenchResult[]> {
  const pki = await createTestPki();
  const cps = await pki.issueCps({ nationalId: EXAMPLE_DOCTOR, lastName: 'LIBRE', firstName: 'MAX', profession: '10' });
  const server = await pki.issueServer(['127.0.0.1']);
  const input: VihfInput = {
    practitioner: { nationalId: EXAMPLE_DOCTOR, firstName: 'MAX', lastName: 'LIBRE', roles: ROLES },
    structure: { id: EXAMPLE_STRUCTURE, activitySector: 'SA07' },
    software: { name: 'DMP Desk', version: '0', homologationId: 'BENCH' },
    authMode: 'DIRECTE',
    accessMode: 'normal',
    patient: PATIENT,
  };
  const results = [await parseOverhead(), await vihfSigning(input, cps.sign.keyPem, cps.sign.certPem)];

  const sim = await startNationalDmpSimulator({
    tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem },
  });
  try {
    const tls = { certPem: cps.auth.certPem, keyPem: cps.auth.keyPem, caPem: pki.caCertPem };
    const signer = createSoftwareSigner(cps.sign);
    const client = createDmpClient({
      baseUrl: sim.url,
      tls,
      signer,
      practitioner: input.practitioner,
      structure: { ...input.structure, name: 'BENCH' },
      software: { ...input.software, senderOid: '1.2.250.1.999' },
      authMode: 'DIRECTE',
    });
    // Baseline: the same kind of request, VIHF signed once up front, POSTed with bare node:https.
    const url = `${sim.servicesUrl}/patients`;
    const action = 'urn:hl7-org:v3:PRPA_IN201307UV02';
    const envelope = buildEnvelope({
      action,
      to: url,
      extraHeaders: [wsSecurityHeader(await createVihf(input, signer))],
      body: buildPatientQuery('TEST_EXST', PATIENT, client.sender, new Date()).xml,
    });
    const bare = (): Promise<void> => barePost(url, action, envelope, tls);
    const ours: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      ours.push(await msPer(10, () => checkAccess(client, { patient: PATIENT, accessMode: 'normal' })));
      floor.push(await msPer(10, bare));
    }
    results.push({
      name: 'dmp.td02_round_trip_ms',
      unit: 'ms',
      median: round(median(ours), 2),
      samples: RUNS,
      baseline: round(median(floor), 2),
      ratio: round(median(ours) / median(floor)),
      extra: { note: 'loopback simulator, new TLS connection per call, fresh VIHF per call' },
    });
  } finally {
    await sim.close();
  }
  return results;
}
