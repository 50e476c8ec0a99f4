import type { z } from 'zod';
import type { ConfigProblem } from '../../shared/api';
import { ERROR_DEFINITIONS, type ErrorCode } from '../../shared/errors';

/** A problem with the sentence of its code, or a more precise one for the field. */
export function configProblem(
  code: ErrorCode,
  path: string,
  options: { readonly messageKey?: string; readonly params?: Readonly<Record<string, string | number>> } = {},
): ConfigProblem {
  return {
    code,
    path,
    messageKey: options.messageKey ?? ERROR_DEFINITIONS[code].messageKey,
    ...(options.params === undefined ? {} : { params: { ...options.params } }),
  };
}

/** `['authentication', 'tlsCertificate', 'pkcs12']` -> `authentication.tlsCertificate.pkcs12`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here = root;
  for (const part of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[part];
  }
  return here;
}

/** Our own messages are i18n keys; zod's defaults are English prose, which IT never sees. */
const OWN_MESSAGE = /^config\.problems\.[A-Za-z]+$/;

/**
 * zod's issues in IT's words: a missing field, a field the file should not have (a typo IT
 * must see, not a silently ignored setting), or a field whose value breaks its rule.
 */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push(configProblem('CONFIG_FIELD_UNKNOWN', fieldPath([...issue.path, key])));
      continue;
    }
    const path = fieldPath(issue.path);
    if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
      problems.push(configProblem('CONFIG_FIELD_MISSING', path));
      continue;
    }
    problems.push(
      configProblem('CONFIG_FIELD_INVALID', path, OWN_MESSAGE.test(issue.message) ? { messageKey: issue.message } : {}),
    );
  }
  return problems;
}
