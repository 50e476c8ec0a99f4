/**
 * The simulators' command lines end like the app's entry points on a bug: one line on stderr
 * (the error's class and where it was thrown, never its message: it may hold request data), the
 * servers closed within a budget, status 1. The simulators never import main/, hence this twin of
 * main/process/fatal.ts.
 */
export interface SimulatorFatalHandler {
  /** Run on a fatal error, last registered first. */
  onClose(closer: () => Promise<unknown> | void): void;
}

const CLOSE_TIMEOUT_MS = 5_000;

export function fatalLine(kind: string, reason: unknown): string {
  if (!(reason instanceof Error)) return `sim fatal: ${kind} (${typeof reason})`;
  const frame = (reason.stack ?? '').split('\n').find((line) => /^\s+at /.test(line));
  const at = frame === undefined ? undefined : /\(?([^()\s]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1];
  return `sim fatal: ${kind} ${reason.name}${at === undefined ? '' : ` at ${at}`}`;
}

export function installSimulatorFatalHandlers(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): SimulatorFatalHandler {
  const closers: (() => Promise<unknown> | void)[] = [];
  let closing = false;
  const onFatal = (kind: string) => (reason: unknown) => {
    write(fatalLine(kind, reason));
    if (closing) process.exit(1);
    closing = true;
    const closeAll = async (): Promise<void> => {
      for (const closer of closers.slice().reverse()) await Promise.resolve(closer()).catch(() => undefined);
    };
    const budget = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([closeAll(), budget]).then(() => process.exit(1));
  };
  process.on('uncaughtException', onFatal('uncaught exception'));
  process.on('unhandledRejection', onFatal('unhandled rejection'));
  return { onClose: (closer) => closers.push(closer) };
}
