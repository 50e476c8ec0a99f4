import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSoftwareSigner } from '../../../main/crypto/software-signer';
import type { DmpClientConfig } from '../../../main/dmp/client';
import { createVihf } from '../../../main/dmp/vihf';
import { ACTION } from '../../../main/dmp/xds';
import { buildEnvelope, wsSecurityHeader } from '../../../main/soap';
import { encodeMtomRequest } from '../../../main/soap/mtom';
import { createKeyProvider } from '../../../main/store/keys/key-provider';
import type { NewOutboxEntry } from '../../../main/store/outbox-ops';
import { decodeRequest, openStandaloneSync, type StandaloneSync } from '../../../main/sync';
import { EXAMPLE_DOCTOR, EXAMPLE_STRUCTURE, type DmpFaults } from '../../../simulators/national-dmp';
import { createTestPki } from '../../../simulators/pki';
import { PATB_QUATRE, reportFor } from '../../support/outbox-deposits';
import { testKeystore } from '../../support/test-keystore';
import { barePost, type Tls } from '../bare-post';
import type { SimChildAnswer, SimChildRequest } from '../dmp-sim-child';
import { round, type BenchResult } from '../types';

/**
 * Issue #11 item 9: 1,000 deposits queued in the outbox (built and signed at enqueue, as the desk
 * does), then drained by the sync engine against the DMP simulator at 0 and 200 ms of latency:
 * deposits per second, from engine start to an empty outbox. Baseline, same run, same simulator
 * and latency: the same ITI-41 requests (the outbox payloads, one VIHF signed up front) POSTed
 * bare with node:https over as many lanes as the engine's concurrency, without store or engine.
 * Target: ≥ 50 deposits/s at 0 ms.
 *
 * At 200 ms the rate is bound by the latency (concurrency / round trip), so 200 deposits measure
 * it as well as 1,000 and keep the suite to minutes: SYNC_DRAIN_DEPOSITS / SYNC_DRAIN_DEPOSITS_AT_200MS
 * change the counts (default 1,000 / 200), SYNC_DRAIN_CONCURRENCY the lanes (default 2, the desk's).
 * The machine's load average is reported beside: on a shared machine both rates fall together.
 *
 * The simulator runs in a process of its own, as the national service runs on other machines:
 * in the bench's process its signature checks (xml-crypto, ~10 ms a request) took most of the
 * one event loop, and the drain measured the simulator rather than the desk.
 */
const DEPOSITS_AT: Readonly<Record<0 | 200, number>> = {
  0: Number(process.env['SYNC_DRAIN_DEPOSITS'] ?? 1_000),
  200: Number(process.env['SYNC_DRAIN_DEPOSITS_AT_200MS'] ?? 200),
};
const LATENCIES_MS = [0, 200] as const;
const CONCURRENCY = Number(process.env['SYNC_DRAIN_CONCURRENCY'] ?? 2);
const PDF_BYTES = 4_096;
const TARGET_PER_S_AT_0_MS = 50;

async function buildEntries(sync: StandaloneSync, label: string, count: number): Promise<NewOutboxEntry[]> {
  const entries: NewOutboxEntry[] = [];
  for (let n = 0; n < count; n++) {
    entries.push({ ...(await sync.build(reportFor(`Bench ${label} ${n}`, PDF_BYTES))), id: `${label}-${n}` });
  }
  return entries;
}

/** Times the engine from start (recovery included) to an empty outbox. */
async function engineDrain(sync: StandaloneSync, entries: readonly NewOutboxEntry[]): Promise<number> {
  for (const item of entries) await sync.store.call('outbox.insert', { item });
  const started = performance.now();
  await sync.engine.start();
  await sync.engine.drain();
  const seconds = (performance.now() - started) / 1000;
  const counts = await sync.store.call('outbox.counts', undefined);
  if (counts.sent !== entries.length) throw new Error(`drain ended with ${JSON.stringify(counts)}`);
  return entries.length / seconds;
}

/** The same kind of requests POSTed bare: the outbox payloads in prebuilt MTOM, one VIHF, `CONCURRENCY` lanes. */
async function bareDrain(entries: readonly NewOutboxEntry[], url: string, dmp: DmpClientConfig): Promise<number> {
  const vihf = await createVihf(
    {
      practitioner: dmp.practitioner,
      structure: { id: dmp.structure.id, activitySector: dmp.structure.activitySector },
      software: dmp.software,
      authMode: dmp.authMode,
      accessMode: 'normal',
      patient: PATB_QUATRE.patient,
    },
    dmp.signer,
  );
  const messages = entries.map((entry) => {
    const request = decodeRequest(entry.payload);
    const envelope = buildEnvelope({
      action: request.action,
      to: url,
      extraHeaders: [wsSecurityHeader(vihf)],
      body: request.body,
    });
    return encodeMtomRequest(envelope, request.action, request.attachments);
  });
  const tls: Tls = dmp.tls;
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let n = next++; n < messages.length; n = next++) {
      await barePost(url, ACTION.provideAndRegister, messages[n]!, tls);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return messages.length / ((performance.now() - started) / 1000);
}

interface SimProcess {
  readonly url: string;
  readonly servicesUrl: string;
  setFaults(faults: DmpFaults): Promise<void>;
  countDocuments(matricule: string, title: RegExp): Promise<number>;
  close(): Promise<void>;
}

async function startSimProcess(tls: { certPem: string; keyPem: string; caPem: string }): Promise<SimProcess> {
  const child = fork(join(import.meta.dirname, '../dmp-sim-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // One request at a time: each answer is the next message.
  const ask = async (request: SimChildRequest): Promise<SimChildAnswer & { ok: true }> => {
    const answer = once(child, 'message') as Promise<[SimChildAnswer]>;
    child.send(request);
    const [reply] = await Promise.race([
      answer,
      once(child, 'exit').then(() => [{ ok: false, error: 'the simulator process exited' } as const]),
    ]);
    if (!reply.ok) throw new Error(`simulator process: ${reply.error}`);
    return reply;
  };
  const started = await ask({ op: 'start', tls });
  return {
    url: started.url ?? '',
    servicesUrl: started.servicesUrl ?? '',
    setFaults: async (faults) => {
      await ask({ op: 'faults', faults });
    },
    countDocuments: async (matricule, title) =>
      (await ask({ op: 'count', matricule, titlePattern: title.source })).count ?? 0,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      const guard = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(guard);
    },
  };
}

export async function run(): Promise<BenchResult[]> {
  const pki = await createTestPki();
  const cps = await pki.issueCps({ nationalId: EXAMPLE_DOCTOR, lastName: 'LIBRE', firstName: 'MAX', profession: '10' });
  const server = await pki.issueServer(['127.0.0.1']);
  const sim = await startSimProcess({ certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem });
  const dmp: DmpClientConfig = {
    baseUrl: sim.url,
    tls: { certPem: cps.auth.certPem, keyPem: cps.auth.keyPem, caPem: pki.caCertPem },
    signer: createSoftwareSigner(cps.sign),
    practitioner: {
      nationalId: EXAMPLE_DOCTOR,
      firstName: 'MAX',
      lastName: 'LIBRE',
      roles: [
        { code: '10', codeSystem: '1.2.250.1.71.1.2.7', displayName: 'Médecin' },
        { code: 'SM26', codeSystem: '1.2.250.1.71.4.2.5', displayName: 'Qualifié en Médecine Générale (SM)' },
      ],
    },
    authMode: 'DIRECTE',
    structure: { id: EXAMPLE_STRUCTURE, activitySector: 'SA07', name: 'CABINET DR LIBRE' },
    software: { name: 'DMP Desk', version: '0', homologationId: 'BENCH', senderOid: '1.3.6.1.4.1.48364' },
  };
  const dir = await mkdtemp(join(tmpdir(), 'dmp-desk-bench-drain-'));
  const results: BenchResult[] = [];
  try {
    for (const latencyMs of LATENCIES_MS) {
      const deposits = DEPOSITS_AT[latencyMs];
      await sim.setFaults(latencyMs > 0 ? { '*': { latencyMs } } : {});
      const sync = await openStandaloneSync({
        storeDir: join(dir, `store-${latencyMs}`),
        keys: createKeyProvider({ kind: 'os-keystore', keystore: testKeystore() }),
        dmp,
        engine: { concurrency: CONCURRENCY },
      });
      let perSecond: number;
      let barePerSecond: number;
      try {
        // Built and signed before any clock starts: enqueue is the desk's work at the deposit form, not the drain's.
        const queued = await buildEntries(sync, `engine${latencyMs}`, deposits);
        const bare = await buildEntries(sync, `bare${latencyMs}`, deposits);
        perSecond = await engineDrain(sync, queued);
        barePerSecond = await bareDrain(bare, `${sim.servicesUrl}/repository`, dmp);
      } finally {
        await sync.close();
      }
      const title = new RegExp(`^Bench (engine|bare)${latencyMs} \\d+$`);
      const stored = await sim.countDocuments(PATB_QUATRE.patient.matricule, title);
      if (stored !== 2 * deposits) throw new Error(`the simulator holds ${stored} of ${2 * deposits}`);
      results.push({
        name: `sync.drain_${deposits}_deposits_at_${latencyMs}ms`,
        unit: 'deposits/s',
        median: round(perSecond, 1),
        samples: 1,
        baseline: round(barePerSecond, 1),
        ratio: round(perSecond / barePerSecond),
        extra: {
          concurrency: CONCURRENCY,
          loadAverage1m: round(loadavg()[0] ?? 0),
          pdfBytes: PDF_BYTES,
          ...(latencyMs === 0
            ? {
                targetIs: `≥ ${TARGET_PER_S_AT_0_MS} deposits/s`,
                meetsTarget: perSecond >= TARGET_PER_S_AT_0_MS ? 'yes' : 'no',
              }
            : {}),
        },
      });
    }
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
