import type { CardsStatus } from '../../shared/domain/cards';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, openSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Context } from 'smartcard';

/** pcscd's client socket (Debian's build; libpcsclite honours PCSCLITE_CSOCK_NAME as an override). */
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
/** The two readers vpcd creates (spec build-environment §2), on ports 35963 and 35964. */
export const VPCD_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface PcscdHandle {
  /** True when this helper started the daemon (and will stop it). */
  readonly owned: boolean;
  readonly logFile: string | undefined;
  stop(): Promise<void>;
}

export function socketServed(path = PCSCD_SOCKET): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

/**
 * Makes sure pcscd serves the vpcd readers: reuses a running daemon, otherwise starts
 * `pcscd --foreground --debug --apdu` (log in .tmp/pcscd.log) — CI installs it without starting it.
 * Only a daemon started here is stopped afterwards.
 */
export async function ensurePcscd(
  options: {
    readonly timeoutMs?: number;
    /**
     * Also wait for the vpcd readers through libpcsclite. Off for a process that must not touch
     * libpcsclite yet (it caches PCSCLITE_CSOCK_NAME on first use): then only the socket is awaited.
     */
    readonly waitForReaders?: boolean;
  } = {},
): Promise<PcscdHandle> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const ready = options.waitForReaders === false ? () => socketServed() : readersPresent;
  let child: ChildProcess | undefined;
  let logFile: string | undefined;
  if (!(await socketServed())) {
    mkdirSync(resolve(projectRoot, '.tmp'), { recursive: true });
    logFile = resolve(projectRoot, '.tmp', 'pcscd.log');
    const log = openSync(logFile, 'a');
    child = spawn('pcscd', ['--foreground', '--debug', '--apdu'], { stdio: ['ignore', log, log] });
    child.once('error', () => undefined);
  }
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) {
      child?.kill('SIGTERM');
      throw new Error(`pcscd did not expose ${VPCD_READERS.join(' and ')} (log: ${logFile ?? 'external daemon'})`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  const started = child;
  return {
    owned: started !== undefined,
    logFile,
    stop: async () => {
      if (started === undefined || started.exitCode !== null) return;
      const exited = once(started, 'exit');
      started.kill('SIGTERM');
      await exited;
    },
  };
}

async function readersPresent(): Promise<boolean> {
  if (!(await socketServed())) return false;
  let context: InstanceType<typeof Context> | undefined;
  try {
    context = new Context();
    const names = context.listReaders().map((reader) => reader.name);
    return VPCD_READERS.every((name) => names.includes(name));
  } catch {
    return false;
  } finally {
    try {
      context?.close();
    } catch {
      // Closing a context that failed to open: nothing to release.
    }
  }
}

/** Polls `condition` every 25 ms (reader events arrive from pcscd on their own schedule); names what never came. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 25));
  }
}

/** The card the status shows in `reader`, if any. */
export const cardIn = (status: CardsStatus, reader: string) => status.readers.find((r) => r.name === reader)?.card;
