/**
 * The DMP simulator in a process of its own, for benchmarks that measure the desk's side: the
 * national service runs on other machines, so its XML signature checks must not share the
 * desk's event loop (in one process they did, and the drain measured the simulator's CPU).
 * Driven over the IPC channel: the first message starts it, the next ones set faults or count
 * stored documents; disconnecting closes it.
 */
import type { DmpFaults } from '../../simulators/national-dmp';
import { startNationalDmpSimulator, type NationalDmpSimulator } from '../../simulators/national-dmp';

export type SimChildRequest =
  | { readonly op: 'start'; readonly tls: { certPem: string; keyPem: string; caPem: string } }
  | { readonly op: 'faults'; readonly faults: DmpFaults }
  | { readonly op: 'count'; readonly matricule: string; readonly titlePattern: string };

export type SimChildAnswer =
  | { readonly ok: true; readonly url?: string; readonly servicesUrl?: string; readonly count?: number }
  | { readonly ok: false; readonly error: string };

let sim: NationalDmpSimulator | undefined;

async function handle(request: SimChildRequest): Promise<SimChildAnswer> {
  if (request.op === 'start') {
    sim = await startNationalDmpSimulator({ host: '127.0.0.1', tls: request.tls });
    return { ok: true, url: sim.url, servicesUrl: sim.servicesUrl };
  }
  if (sim === undefined) return { ok: false, error: 'not started' };
  if (request.op === 'faults') {
    sim.setFaults(request.faults);
    return { ok: true };
  }
  const title = new RegExp(request.titlePattern);
  const count = sim.admin
    .listDocuments(request.matricule)
    .filter((document) => !document.isSignature && title.test(document.title ?? '')).length;
  return { ok: true, count };
}

process.on('message', (request: SimChildRequest) => {
  handle(request).then(
    (answer) => process.send?.(answer),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => {
  void (sim?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
