import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const projectRoot = resolve(import.meta.dirname, '../../..');

/**
 * Every harness of the run logs here (one folder per harness, the same rotating files as the
 * desktop app); the global teardown (logs-teardown.ts) greps them all for the fixtures' identities.
 */
export const E2E_LOG_DIR = join(projectRoot, 'test-results', 'e2e-logs');

export interface RunningHarness {
  readonly url: string;
  readonly userDataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real browser harness (`main/browser-harness.ts`: createServices + websocket
 * transport + built renderer) as its own process, exactly as `npm run start:browser` does.
 */
export async function startHarness(
  options: {
    userDataDir?: string;
    mode?: 'training' | 'production';
    /** More arguments (e.g. `--config FILE`). */
    args?: readonly string[];
    /** More environment (e.g. `DMP_DESK_SECRET_<NAME>` for the configuration's secrets). */
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<RunningHarness> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'dmp-desk-e2e-')));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'main/browser-harness.ts'),
      '--json',
      '--user-data-dir',
      userDataDir,
      '--mode',
      options.mode ?? 'training',
      '--log-dir',
      join(E2E_LOG_DIR, basename(userDataDir)),
      ...(options.args ?? []),
    ],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start in 30 s:\n${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolveUrl((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    userDataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
