/**
 * Structured logging for IT. A log line is an event name plus a few scalar fields; there is
 * deliberately no way to log a free-form object, an error message or a stack, because those
 * are where health data, PINs and keys leak from. Errors are logged by their stable code.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export type LogSink = (line: string) => void;

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: {
  sink: LogSink;
  minLevel?: LogLevel;
  scope?: string;
  now?: () => Date;
}): Logger {
  const minLevel = options.minLevel ?? 'info';
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, event: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) return;
    const record: Record<string, unknown> = { t: now().toISOString(), level, event };
    if (options.scope !== undefined) record['scope'] = options.scope;
    if (fields !== undefined) {
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) record[key] = value;
      }
    }
    options.sink(JSON.stringify(record));
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    child: (scope) =>
      createLogger({ ...options, scope: options.scope === undefined ? scope : `${options.scope}.${scope}` }),
  };
}

export const silentLogger: Logger = createLogger({ sink: () => undefined });
