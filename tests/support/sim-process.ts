import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const projectRoot = resolve(import.meta.dirname, '../..');

export interface RunningSim {
  readonly dataDir: string;
  /** The production desk configuration `npm run sim` wrote for these simulators. */
  readonly deskConfig: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** `npm run sim` as IT runs it (its own process, its own data folder), on free loopback ports. */
export async function startSim(dataDir: string): Promise<RunningSim> {
  const [dmpPort, insiPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'simulators/cli/sim.ts'),
      '--data',
      dataDir,
      '--dmp-port',
      String(dmpPort),
      '--insi-port',
      String(insiPort),
      '--no-documents',
    ],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((ready, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim did not start in 60 s:\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`sim exited with ${code}:\n${output}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      if (line.startsWith('Ctrl-C')) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  return {
    dataDir,
    deskConfig: join(dataDir, 'desk-config.json'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
