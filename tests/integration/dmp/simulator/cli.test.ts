import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { useTempDir } from '../../../support/temp-dir';
import { resignVihf } from '../../../support/resign-vihf';
import { buildDeposit, sendDeposit } from './documents';
import { faultCode, officialMessage, postSoap, xp, path, type SimulatorFixture } from './harness';
import type { NationalDmpSimulator } from '../../../../simulators/national-dmp';
import type { TestPki } from '../../../../simulators/pki';

const ROOT = resolve(import.meta.dirname, '../../../..');
const tempDir = useTempDir('dmp-sim-cli-');
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runSim(args: string[]): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulators/cli/sim.ts', ...args], { cwd: ROOT });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<void>((resolvePromise, reject) => {
    child.stdout?.on('data', () => {
      if (output.includes('Ctrl-C to stop.')) resolvePromise();
    });
    child.on('exit', () => reject(new Error(`sim exited: ${output}`)));
  });
  // Admin runs exit by design: only a caller awaiting `ready` cares about that rejection.
  ready.catch(() => undefined);
  const exit = new Promise<number | null>((resolvePromise) => child.on('exit', (code) => resolvePromise(code)));
  return { child, output: () => output, ready, exit };
}

it('starts both simulators with written credentials, serves a signed request, and stops on Ctrl-C', async () => {
  const data = await tempDir();
  const sim = runSim(['--data', data, '--dmp-port', '0', '--insi-port', '0']);
  await sim.ready;
  const servicesUrl = /DMP simulator\s+(https:\/\/\S+\/services)\//.exec(sim.output())?.[1];
  expect(sim.output()).toMatch(/INSi simulator\s+https:\/\/127\.0\.0\.1:\d+/);
  expect(servicesUrl).toBeDefined();
  const read = (name: string): Promise<string> => readFile(join(data, 'clients', name), 'utf8');
  const auth = {
    certPem: await read('cps-899900063480-auth.cert.pem'),
    keyPem: await read('cps-899900063480-auth.key.pem'),
    certDer: new Uint8Array(),
  };
  const sign = {
    certPem: await read('cps-899900063480-sign.cert.pem'),
    keyPem: await read('cps-899900063480-sign.key.pem'),
  };
  const caCertPem = await readFile(join(data, 'ca.pem'), 'utf8');
  const fixture = {
    pki: { caCertPem } as TestPki,
    sim: { servicesUrl: servicesUrl ?? '' } as NationalDmpSimulator,
  };
  const answer = await postSoap(
    fixture,
    'patients',
    resignVihf(officialMessage('TD0.2_-_Test_dexistence_request.xml'), sign),
    auth,
  );
  expect(xp(answer.body, path('queryAck', 'queryResponseCode') + '/@code')).toBe('OK');

  sim.child.kill('SIGINT');
  expect(await sim.exit).toBe(0);
});

it('runs admin commands on the state file', async () => {
  const data = await tempDir();
  const close = runSim(['admin', '--data', data, 'close', '297022A02077878']);
  expect(await close.exit).toBe(0);
  const list = runSim(['admin', '--data', data, 'list']);
  expect(await list.exit).toBe(0);
  expect(list.output()).toMatch(/297022A02077878 .*FERMÉ/);
  const bad = runSim(['admin', '--data', data, 'close', '160012B02077713']);
  expect(await bad.exit).toBe(2);
  expect(bad.output()).toContain('error: UNKNOWN_DMP');
});

it('loses the answers of committed deposits with --fault and admin fault store-then-*, on the running simulator', async () => {
  const data = await tempDir();
  const help = runSim(['--help']);
  await help.exit;
  expect(help.output()).toContain('store-then-drop');
  expect(help.output()).toContain('store-then-500');
  const bad = runSim(['--data', data, '--no-insi', '--dmp-port', '0', '--fault', 'repository=store-then-drop:1']);
  expect(await bad.exit).toBe(2);
  expect(bad.output()).toContain('store-then-drop takes no argument');

  const sim = runSim(['--data', data, '--no-insi', '--dmp-port', '0', '--fault', 'repository=store-then-drop']);
  await sim.ready;
  const servicesUrl = /DMP simulator\s+(https:\/\/\S+\/services)\//.exec(sim.output())?.[1] ?? '';
  const read = (name: string): Promise<string> => readFile(join(data, 'clients', name), 'utf8');
  const doctor = {
    auth: {
      certPem: await read('cps-899900063480-auth.cert.pem'),
      keyPem: await read('cps-899900063480-auth.key.pem'),
      certDer: new Uint8Array(),
    },
    sign: {
      certPem: await read('cps-899900063480-sign.cert.pem'),
      keyPem: await read('cps-899900063480-sign.key.pem'),
      certDer: new Uint8Array(),
    },
  };
  const fixture = {
    pki: { caCertPem: await readFile(join(data, 'ca.pem'), 'utf8') } as TestPki,
    sim: { servicesUrl } as NationalDmpSimulator,
    doctor,
  } as SimulatorFixture;

  const dropped = buildDeposit();
  await expect(sendDeposit(fixture, dropped)).rejects.toThrow(/socket hang up|ECONNRESET/);

  // Stored in the state file, the rule reaches the running simulator. The --fault rules are in-process
  // and win route by route over stored ones, so the stored rule goes on `*` and shows on another service.
  const admin = runSim(['admin', '--data', data, 'fault', '*=store-then-500']);
  expect(await admin.exit).toBe(0);
  const failed = await postSoap(
    fixture,
    'patients',
    resignVihf(officialMessage('TD0.2_-_Test_dexistence_request.xml'), doctor.sign),
    doctor.auth,
  );
  expect(failed.status).toBe(500);
  expect(faultCode(failed.body)).toBe('DMPInternalError');

  const documents = runSim(['admin', '--data', data, 'documents', '207058575627097']);
  expect(await documents.exit).toBe(0);
  expect(documents.output().split(dropped.documentUid)).toHaveLength(2);

  sim.child.kill('SIGINT');
  expect(await sim.exit).toBe(0);
});
