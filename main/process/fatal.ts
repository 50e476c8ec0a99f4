import type { Logger } from '../log/logger';

/** The part of `process` the handler needs; a test passes an EventEmitter. */
export interface FatalEventSource {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface FatalHandlerOptions {
  readonly logger: Logger;
  /** Ends the process; `process.exit` by default, `app.exit` in Electron. */
  readonly exit?: (code: number) => void;
  /** Budget for the closers: a closer that hangs must not keep a broken process alive. */
  readonly closeTimeoutMs?: number;
  readonly source?: FatalEventSource;
}

export interface FatalHandler {
  /** Run on a fatal error, last registered first (servers before the stores they use). */
  onClose(closer: () => Promise<unknown> | void): void;
  uninstall(): void;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

/**
 * What a fatal error may say in a log: its class and where it was thrown (file and line of the
 * first stack frame). Never its message or the rest of the stack's first line: those carry
 * whatever the failing code held (a patient's name, a PIN).
 */
export function describeFatal(reason: unknown): { type: string; at: string | null } {
  if (!(reason instanceof Error)) return { type: typeof reason, at: null };
  const frame = (reason.stack ?? '').split('\n').find((line) => /^\s+at /.test(line));
  const location = frame === undefined ? null : /\(?([^()\s]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1];
  return { type: reason.name, at: location ?? null };
}

/**
 * Installs the handlers of an entry point: an uncaught exception or unhandled rejection is logged
 * (type and location only), the registered closers run within a time budget (servers stop
 * accepting, stores close), and the process exits with status 1. A second fatal error while
 * closing exits at once.
 */
export function installFatalHandlers(options: FatalHandlerOptions): FatalHandler {
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  const closers: (() => Promise<unknown> | void)[] = [];
  let closing = false;

  const closeAll = async (): Promise<void> => {
    for (const closer of closers.slice().reverse()) {
      try {
        await closer();
      } catch (error) {
        options.logger.error('process.close_failed', describeFatal(error));
      }
    }
  };

  const onFatal =
    (kind: 'uncaught_exception' | 'unhandled_rejection') =>
    (reason: unknown): void => {
      options.logger.error('process.fatal', { kind, ...describeFatal(reason) });
      if (closing) {
        exit(1);
        return;
      }
      closing = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const budget = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      void Promise.race([closeAll(), budget]).then((outcome) => {
        clearTimeout(timer);
        if (outcome === 'timeout') options.logger.error('process.close_timeout', { timeoutMs });
        exit(1);
      });
    };
  const onException = onFatal('uncaught_exception');
  const onRejection = onFatal('unhandled_rejection');
  source.on('uncaughtException', onException);
  source.on('unhandledRejection', onRejection);
  return {
    onClose: (closer) => closers.push(closer),
    uninstall: () => {
      source.off('uncaughtException', onException);
      source.off('unhandledRejection', onRejection);
    },
  };
}
