import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const projectRoot = resolve(import.meta.dirname, '../..');

export interface RunningCards {
  /** Pull or reinsert a card, as the trainer's `v` / `c` keys do. */
  toggle(card: 'vitale' | 'cps'): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `npm run sim:cards` as a trainer runs it: the demo carte Vitale and CPS (PIN 1234) served to the
 * real pcscd through vpcd, from their own process — so the desk under test talks PC/SC exactly as it
 * would to a physical reader, and never to a card served by its own thread.
 */
export async function startVirtualCards(seedDir: string): Promise<RunningCards> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'simulators/cards/cli.ts'), '--seed-dir', seedDir],
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const waiters: Array<(line: string) => boolean> = [];
  lines.on('line', (line) => {
    output += `${line}\n`;
    const index = waiters.findIndex((waiter) => waiter(line));
    if (index >= 0) waiters.splice(index, 1);
  });
  const nextLine = (match: (line: string) => boolean, timeoutMs: number): Promise<void> =>
    new Promise((done, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`virtual cards: no answer in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      waiters.push((line) => {
        if (!match(line)) return false;
        clearTimeout(timer);
        done();
        return true;
      });
    });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await Promise.race([
    nextLine((line) => line.startsWith('v = Vitale'), 60_000),
    exited.then(() => Promise.reject(new Error(`virtual cards exited:\n${output}`))),
  ]);
  return {
    toggle: async (card) => {
      const answered = nextLine((line) => line.startsWith(card === 'vitale' ? 'carte Vitale:' : 'CPS:'), 10_000);
      child.stdin!.write(card === 'vitale' ? 'v\n' : 'c\n');
      await answered;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.stdin!.write('q\n');
      const timer = setTimeout(() => child.kill('SIGTERM'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
