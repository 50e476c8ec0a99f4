import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardServiceState } from '../../shared/domain/cards';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { ReaderBackend, ReaderSnapshot } from './backend';
import type { CardChannel } from './channel';
import { isHostMessage, type HostFailure, type HostMessage, type HostReader, type HostRequest } from './pcsc-protocol';

/**
 * Readers through pcscd, with every call into the `smartcard` binding made in a child process
 * (pcsc-host-entry.ts), never on this thread. Some of the binding's calls are synchronous and
 * wait on pcscd, which waits on the card: a card that stops answering used to freeze the whole
 * app (and deadlocked it when the card was a virtual one served by this very thread).
 *
 * Why a process and not a worker thread: the addon loads in a worker, but it keeps its classes
 * in process-wide statics, so a second copy loaded in a replacement worker while the frozen one
 * still sits in native code aborts the whole process (FATAL ERROR "Cannot create a handle
 * without a HandleScope", reproduced with two workers); a thread blocked in a native call cannot
 * be terminated either, and its stuck libuv pool threads would be the app's. A process is
 * killed outright, and pcscd then releases everything it held.
 *
 * Each call has a deadline and fails with CARD_TIMEOUT past it. A timeout alone does not make
 * the host suspect (a mute card only ties up its own reader); a host that then does not answer a
 * ping (frozen in a synchronous call) or that holds too many unanswered exchanges is killed and
 * replaced, and the new one lists the readers again. Killing a host makes pcscd reset its cards
 * (a CPS must be logged in again), so it is kept for when nothing else would do.
 */

export interface HostProcess {
  readonly pid: number | undefined;
  send(request: HostRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: () => void): void;
  /** SIGKILL: works on a host frozen in native code. */
  kill(): void;
}

export type HostLauncher = () => HostProcess;

export interface PcscBackendOptions {
  readonly logger: Logger;
  /** Deadline of one exchange with the host (and through it, the card). */
  readonly callTimeoutMs?: number;
  /** How long a host suspected of being frozen has to answer a ping. */
  readonly pingTimeoutMs?: number;
  /** How long `stop` waits for the host to release the cards before killing it. */
  readonly stopTimeoutMs?: number;
  /** First delay before a host that died on its own is started again (doubles up to 5 s). */
  readonly restartDelayMs?: number;
  /** The real child process by default; tests script their own. */
  readonly launch?: HostLauncher;
}

/** Past this many exchanges left unanswered, the host's native thread pool (4) is nearly all stuck. */
const MAX_UNANSWERED = 3;
const MAX_RESTART_DELAY_MS = 5_000;

const FAILURE_CODES: Record<HostFailure, ErrorCode> = {
  'card-removed': 'CARD_REMOVED',
  'card-absent': 'CARD_ABSENT',
  'reader-not-found': 'CARD_READER_NOT_FOUND',
  unavailable: 'PCSC_UNAVAILABLE',
  timeout: 'CARD_TIMEOUT',
  io: 'CARD_IO',
};

interface Pending {
  readonly op: HostRequest['op'];
  readonly resolve: (message: Extract<HostMessage, { kind: 'answer' }>) => void;
  readonly reject: (error: AppError) => void;
  readonly timer: NodeJS.Timeout;
}

interface Host {
  readonly process: HostProcess;
  /** Bumped per host: a channel opened on a replaced host is stale, whatever its reader generation. */
  readonly epoch: number;
  readonly pending: Map<number, Pending>;
  /** Ids that timed out here and were never answered by the host. */
  readonly unanswered: Set<number>;
  checking: boolean;
  readonly exited: Promise<void>;
}

/** Where the host's entry is: the TypeScript source under tsx/vitest, the built file next to main's bundle. */
export function pcscHostEntry(moduleUrl: string = import.meta.url): { path: string; execArgv: string[] } {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith('.ts')) return { path: join(dirname(here), 'pcsc-host-entry.ts'), execArgv: ['--import', 'tsx'] };
  return { path: join(dirname(here), 'pcsc-host.cjs'), execArgv: [] };
}

export const forkPcscHost: HostLauncher = () => {
  const entry = pcscHostEntry();
  // Structured clone over IPC: APDUs cross as Uint8Array. The host prints nothing; its crashes go to stderr.
  const child = fork(entry.path, [], {
    serialization: 'advanced',
    execArgv: entry.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid,
    send: (request) => {
      if (child.connected) child.send(request);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      // 'error' (spawn failed) is followed by no 'exit': treat it as one.
      child.once('error', listener);
      child.once('exit', listener);
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};

export function createPcscBackend(options: PcscBackendOptions): ReaderBackend {
  const logger = options.logger;
  const callTimeoutMs = options.callTimeoutMs ?? 10_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 1_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 3_000;
  const initialRestartDelay = options.restartDelayMs ?? 250;
  const launch = options.launch ?? forkPcscHost;
  const listeners = new Set<() => void>();
  let state: CardServiceState = 'starting';
  let readers: readonly HostReader[] = [];
  let host: Host | undefined;
  let epoch = 0;
  let nextId = 1;
  let running = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let restartDelay = initialRestartDelay;

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const setState = (next: CardServiceState): void => {
    if (state === next) return;
    state = next;
    logger.info('cards.pcsc_state', { state });
  };

  const failAll = (target: Host, code: ErrorCode): void => {
    for (const [id, pending] of target.pending) {
      clearTimeout(pending.timer);
      target.pending.delete(id);
      pending.reject(new AppError(code));
    }
  };

  const call = (
    target: Host,
    request: HostRequest,
    timeoutMs: number,
    onTimeout: () => void,
  ): Promise<Extract<HostMessage, { kind: 'answer' }>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        target.pending.delete(request.id);
        target.unanswered.add(request.id);
        reject(new AppError('CARD_TIMEOUT'));
        onTimeout();
      }, timeoutMs);
      target.pending.set(request.id, { op: request.op, resolve, reject, timer });
      target.process.send(request);
    });

  const replace = (target: Host, reason: 'frozen' | 'saturated'): void => {
    if (host !== target) return;
    logger.warn('cards.pcsc_host_replaced', { reason, pid: target.process.pid });
    // The exit handler fails what is still pending and starts the next host.
    restartDelay = 0;
    target.process.kill();
  };

  /** After a timeout: is the host only waiting on a card, or frozen? */
  const check = (target: Host): void => {
    if (target.checking || host !== target) return;
    if (target.unanswered.size >= MAX_UNANSWERED) {
      replace(target, 'saturated');
      return;
    }
    target.checking = true;
    call(target, { id: nextId++, op: 'ping' }, pingTimeoutMs, () => replace(target, 'frozen')).then(
      () => {
        target.checking = false;
      },
      () => undefined,
    );
  };

  const onMessage = (target: Host, message: unknown): void => {
    if (host !== target) return;
    if (!isHostMessage(message)) {
      logger.warn('cards.pcsc_host_bad_message');
      return;
    }
    switch (message.kind) {
      case 'state':
        readers = message.readers;
        if (message.service === 'ready') restartDelay = initialRestartDelay;
        setState(message.service);
        notify();
        return;
      case 'log':
        logger[message.level](message.event, message.kindOf === undefined ? undefined : { kind: message.kindOf });
        return;
      case 'answer':
      case 'failure': {
        target.unanswered.delete(message.id);
        const pending = target.pending.get(message.id);
        if (pending === undefined) return;
        target.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.kind === 'answer') pending.resolve(message);
        else pending.reject(new AppError(FAILURE_CODES[message.failure]));
      }
    }
  };

  const spawn = (): void => {
    restartTimer = undefined;
    if (!running) return;
    epoch += 1;
    const child = launch();
    let exited: () => void = () => undefined;
    const target: Host = {
      process: child,
      epoch,
      pending: new Map(),
      unanswered: new Set(),
      checking: false,
      exited: new Promise((resolve) => (exited = resolve)),
    };
    host = target;
    logger.info('cards.pcsc_host_started', { pid: child.pid });
    child.onMessage((message) => onMessage(target, message));
    child.onExit(() => {
      exited();
      if (host !== target) return;
      host = undefined;
      // The cards it held are gone with it (pcscd resets them): no channel of that host is valid.
      failAll(target, 'CARD_IO');
      readers = [];
      if (!running) return;
      setState('starting');
      notify();
      logger.warn('cards.pcsc_host_exited', { pid: child.pid });
      restartTimer = setTimeout(spawn, restartDelay);
      restartDelay = Math.min(Math.max(restartDelay * 2, initialRestartDelay), MAX_RESTART_DELAY_MS);
    });
  };

  const stop = async (): Promise<void> => {
    running = false;
    if (restartTimer !== undefined) clearTimeout(restartTimer);
    restartTimer = undefined;
    const target = host;
    if (target === undefined) return;
    failAll(target, 'PCSC_UNAVAILABLE');
    const released = call(target, { id: nextId++, op: 'stop' }, stopTimeoutMs, () => undefined).then(
      () => true,
      () => false,
    );
    const done = await Promise.race([released, target.exited.then(() => true)]);
    if (!done) {
      // Frozen in a synchronous release (a card that does not come back from its reset).
      logger.warn('cards.pcsc_host_stuck', { op: 'stop', code: 'CARD_TIMEOUT', pid: target.process.pid });
      target.process.kill();
    }
    const exitDeadline = new Promise<void>((resolve) => setTimeout(resolve, stopTimeoutMs).unref());
    await Promise.race([target.exited, exitDeadline]);
    target.process.kill();
    await target.exited;
    if (host === target) host = undefined;
    readers = [];
  };

  const current = (name: string): HostReader | undefined => readers.find((reader) => reader.name === name);

  return {
    kind: 'pcsc',
    start: () => {
      if (running) return;
      running = true;
      spawn();
    },
    stop,
    service: () => state,
    readers: () =>
      readers
        .map((reader): ReaderSnapshot =>
          reader.atr === undefined ? { name: reader.name } : { name: reader.name, atr: reader.atr },
        )
        .sort((a, b) => a.name.localeCompare(b.name)),
    channel: (name): CardChannel => {
      const target = host;
      if (state !== 'ready' || target === undefined) throw new AppError('PCSC_UNAVAILABLE');
      const reader = current(name);
      if (reader === undefined) throw new AppError('CARD_READER_NOT_FOUND');
      const { atr, generation } = reader;
      if (atr === undefined) throw new AppError('CARD_ABSENT');
      const stale = (): boolean => host !== target || current(name)?.generation !== generation;
      return {
        atr,
        transmit: async (apdu) => {
          if (stale()) throw new AppError('CARD_REMOVED');
          // Structured clone copies the bytes at send time: the caller may wipe its buffer afterwards.
          const request: HostRequest = { id: nextId++, op: 'transmit', reader: name, generation, apdu };
          try {
            const answer = await call(target, request, callTimeoutMs, () => {
              logger.warn('cards.pcsc_call_timeout', { op: 'transmit' });
              check(target);
            });
            if (answer.response === undefined) throw new AppError('CARD_IO');
            return answer.response;
          } catch (error) {
            // Killed with its host: to the card service the card was pulled (a CPS must log in again).
            if (error instanceof AppError && error.code === 'CARD_IO' && host !== target) {
              throw new AppError('CARD_REMOVED', { cause: error });
            }
            throw error;
          }
        },
      };
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
