/**
 * The diagnostics bundle IT sends to support: version, platform, the configuration report (no
 * secret: see ConfigurationReportSchema), the recent log lines and the card readers seen —
 * nothing about patients. Log lines are re-checked on the way out (main/log/logger.ts's
 * redactField on every field; a line that is not one of our JSON records is dropped), so a log
 * written by an older, less careful version cannot carry an identity into the bundle.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigurationReport } from '../../shared/api';
import { DEFAULT_KEPT_LOG_FILES, logFileNames } from '../log/file-sink';
import { REDACTED, redactField } from '../log/logger';
import { readSeenReaders, type SeenReader } from './readers-seen';

export const DIAGNOSTICS_FORMAT = 'dmp-desk-diagnostics/1';
/** In the user data folder: where bundles are written, and the readers-seen record. */
export const DIAGNOSTICS_DIR = 'diagnostics';
export const READERS_SEEN_FILE = 'readers-seen.json';
export const DEFAULT_LOG_LINES = 2_000;

export interface DiagnosticsInput {
  readonly app: {
    readonly name: string;
    readonly version: string;
    readonly mode: string;
    readonly platform: string;
    readonly arch: string;
    /** process.versions' node / electron / chrome: what IT's support needs to reproduce. */
    readonly runtime: Readonly<Record<string, string>>;
  };
  readonly configuration?: ConfigurationReport;
  readonly logDir: string;
  readonly readersFile: string;
  readonly now?: Date;
  readonly maxLogLines?: number;
}

export interface DiagnosticsBundle {
  readonly format: typeof DIAGNOSTICS_FORMAT;
  readonly createdAt: string;
  readonly app: DiagnosticsInput['app'];
  readonly configuration: ConfigurationReport | null;
  readonly readersSeen: readonly SeenReader[];
  readonly logs: { readonly files: number; readonly dropped: number; readonly lines: readonly string[] };
}

/** The runtime's versions that matter to support (Electron adds `electron` and `chrome`). */
export function runtimeVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of ['node', 'electron', 'chrome', 'v8', 'openssl']) {
    const version = (process.versions as Record<string, string | undefined>)[name];
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}

type Scalar = string | number | boolean | null;

/**
 * Fields whose text the bundle keeps: the technical ones our log calls use (codes, states,
 * transaction names, endpoints). Any other field's text is blanked, so a name logged under an
 * innocent key (`who`) by some future or older code never leaves the desk; numbers and booleans
 * go through redactField like every field. A new log field must be added here to show in bundles.
 */
const TEXT_FIELDS = new Set([
  't',
  'level',
  'event',
  'scope',
  'accessMode',
  'card',
  'channel',
  'code',
  'dmp',
  'fields',
  'from',
  'insi',
  'kind',
  'moment',
  'name',
  'operation',
  'outcome',
  'reason',
  'source',
  'state',
  'status',
  'step',
  'to',
  'transport',
  'trigger',
  'version',
  'why',
]);

function sanitizeField(key: string, value: Scalar): Scalar {
  if (typeof value === 'string' && !TEXT_FIELDS.has(key)) return REDACTED;
  return key === 't' || key === 'level' ? value : redactField(key, value);
}

/** The line as the bundle carries it: re-serialised with every field re-checked, or undefined. */
export function sanitizeLogLine(line: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const out: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(record)) {
    // Our logger writes scalars only; anything else did not come from it.
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return undefined;
    out[key] = sanitizeField(key, value as Scalar);
  }
  return typeof out['event'] === 'string' ? JSON.stringify(out) : undefined;
}

function recentLogLines(dir: string, max: number): DiagnosticsBundle['logs'] {
  const lines: string[] = [];
  let files = 0;
  let dropped = 0;
  // Newest file first; within a file the newest line is last.
  for (const name of logFileNames(DEFAULT_KEPT_LOG_FILES)) {
    if (lines.length >= max) break;
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    files += 1;
    const fileLines = text.split('\n').filter((line) => line !== '');
    for (let i = fileLines.length - 1; i >= 0 && lines.length < max; i -= 1) {
      const clean = sanitizeLogLine(fileLines[i]!);
      if (clean === undefined) dropped += 1;
      else lines.push(clean);
    }
  }
  return { files, dropped, lines: lines.reverse() };
}

export function buildDiagnosticsBundle(input: DiagnosticsInput): DiagnosticsBundle {
  return {
    format: DIAGNOSTICS_FORMAT,
    createdAt: (input.now ?? new Date()).toISOString(),
    app: input.app,
    configuration: input.configuration ?? null,
    readersSeen: readSeenReaders(input.readersFile),
    logs: recentLogLines(input.logDir, input.maxLogLines ?? DEFAULT_LOG_LINES),
  };
}

/** Writes the bundle (0600) into `dir` as `dmp-desk-diagnostics-<UTC time>.json`; returns its path. */
export function writeDiagnosticsBundle(bundle: DiagnosticsBundle, dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = bundle.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = join(dir, `dmp-desk-diagnostics-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
  return file;
}
