/**
 * Structured logging for IT. A log line is an event name plus a few scalar fields; there is
 * deliberately no way to log a free-form object, an error message or a stack, because those
 * are where health data, PINs and keys leak from. Errors are logged by their stable code.
 *
 * As a second line of defence, {@link redactField} blanks a field whose name says it holds a
 * secret or an identity, or whose value looks like a national identifier or key material, so a
 * careless `logger.info('x', { nir })` writes `[redacted]`, not the NIR.
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

export const REDACTED = '[redacted]';

/** Field names that only ever hold a secret, an identity or a free-text reason. */
const SENSITIVE_FIELD =
  /pin|password|passphrase|secret|private|token|nir|matricule|^ins$|insValue|birth|family|given|firstName|lastName|patientName|traits|address|phone|email/i;
/** Fields that explain an outcome: a code (`origin_or_peer`) is kept, a sentence someone typed is not. */
const FREE_TEXT_FIELD = /reason|why|cause|comment|note/i;
const CODE_LIKE = /^[a-z][a-z0-9_.]{0,39}$/;
/** Runs of 11+ digits: NIR (13 + key 2), INS matricules, RPPS; spaces and dots allowed between groups. */
const LONG_DIGIT_RUN = /\d(?:[ .]?\d){10,}/;
/** PEM armour, or a long base64 / hex blob: keys, certificates, signatures, tokens. */
const KEY_MATERIAL = /-----BEGIN|[A-Za-z0-9+/]{40,}={0,2}|[0-9a-fA-F]{48,}/;

/** The value to write for one field: itself, or {@link REDACTED}. Exported for tests and diagnostics. */
export function redactField(key: string, value: string | number | boolean | null): string | number | boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  if (SENSITIVE_FIELD.test(key)) return REDACTED;
  const text = String(value);
  if (FREE_TEXT_FIELD.test(key) && !CODE_LIKE.test(text)) return REDACTED;
  return LONG_DIGIT_RUN.test(text) || KEY_MATERIAL.test(text) ? REDACTED : value;
}

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
    const record: Record<string, unknown> = { t: now().toISOString(), level, event: redactField('event', event) };
    if (options.scope !== undefined) record['scope'] = options.scope;
    if (fields !== undefined) {
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) record[key] = redactField(key, value);
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
