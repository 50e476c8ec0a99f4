import type { ConfigProblem } from '../../shared/api';
import { configProblem } from './problems';

/**
 * Per-field overrides from the environment, for IT's deployment tools (one variable per field
 * that changes between sites or between test and production). Each names one field of the file;
 * the result is validated by the same schema as the file itself. No secret has a variable here:
 * passwords come from the secret store only.
 */
export const ENV_OVERRIDES = [
  { name: 'DMP_DESK_DMP_URL', path: ['dmp', 'url'], type: 'string' },
  { name: 'DMP_DESK_DMP_TIMEOUT_MS', path: ['dmp', 'timeoutMs'], type: 'integer' },
  { name: 'DMP_DESK_INSI_URL', path: ['insi', 'url'], type: 'string' },
  { name: 'DMP_DESK_INSI_TIMEOUT_MS', path: ['insi', 'timeoutMs'], type: 'integer' },
  { name: 'DMP_DESK_PROXY_URL', path: ['proxy', 'url'], type: 'string' },
  { name: 'DMP_DESK_CA_FILE', path: ['trustAnchors', 'caFile'], type: 'string' },
  { name: 'DMP_DESK_AUTH_MODE', path: ['authentication', 'mode'], type: 'string' },
  { name: 'DMP_DESK_LOG_LEVEL', path: ['logLevel'], type: 'string' },
] as const satisfies readonly { name: string; path: readonly string[]; type: 'string' | 'integer' }[];

export interface EnvOverrideResult {
  /** A copy of the file's object with the overrides applied (the input is never changed). */
  readonly raw: unknown;
  /** The variables that were applied, by name (shown to IT: "where it came from"). */
  readonly applied: readonly string[];
  readonly problems: readonly ConfigProblem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function applyEnvOverrides(raw: unknown, env: Readonly<Record<string, string | undefined>>): EnvOverrideResult {
  // Anything but an object is reported by the schema; overrides then have nothing to apply to.
  if (!isRecord(raw)) return { raw, applied: [], problems: [] };
  const copy = structuredClone(raw);
  const applied: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const override of ENV_OVERRIDES) {
    const text = env[override.name];
    if (text === undefined || text === '') continue;
    let value: string | number = text.trim();
    if (override.type === 'integer') {
      if (!/^\d{1,9}$/.test(value)) {
        problems.push(
          configProblem('CONFIG_ENV_INVALID', `env:${override.name}`, { params: { field: override.path.join('.') } }),
        );
        continue;
      }
      value = Number(value);
    }
    let target: Record<string, unknown> = copy;
    for (const key of override.path.slice(0, -1)) {
      const next = target[key];
      if (!isRecord(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[override.path[override.path.length - 1] ?? ''] = value;
    applied.push(override.name);
  }
  return { raw: copy, applied, problems };
}
