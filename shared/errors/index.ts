/**
 * The one error shape that crosses every boundary (IPC, websocket, logs, UI).
 *
 * A code is stable: tests, logs and support scripts key on it, so never rename one.
 * The message key is an i18n key the renderer translates; no free text, no health data,
 * no PIN and no key material ever goes into an error.
 */

import { AUDIT_ERRORS } from './audit';
import { CARD_ERRORS } from './cards';
import { CONFIG_ERRORS } from './config';
import { CORE_ERRORS } from './core';
import type { ErrorDefinition } from './definition';
import { DMP_ERRORS } from './dmp';
import { DOCUMENT_ACCESS_ERRORS } from './document-access';
import { DOCUMENT_ERRORS } from './documents';
import { IDENTITY_ERRORS } from './identity';
import { SESSION_ERRORS } from './session';
import { SOAP_ERRORS } from './soap';
import { STORE_ERRORS } from './store';
import { SYNC_ERRORS } from './sync';
import { TRAINING_ERRORS } from './training';
import { UPDATE_ERRORS } from './update';
import { XML_ERRORS } from './xml';

export type { ErrorDefinition } from './definition';

/**
 * Every domain keeps its own table (one file each, one reason to change); this is the union.
 * A code must appear in one table only (checked by tests/unit/shared/errors.test.ts).
 */
export const ERROR_TABLES = {
  core: CORE_ERRORS,
  cards: CARD_ERRORS,
  xml: XML_ERRORS,
  soap: SOAP_ERRORS,
  dmp: DMP_ERRORS,
  identity: IDENTITY_ERRORS,
  documents: DOCUMENT_ERRORS,
  documentAccess: DOCUMENT_ACCESS_ERRORS,
  training: TRAINING_ERRORS,
  audit: AUDIT_ERRORS,
  session: SESSION_ERRORS,
  config: CONFIG_ERRORS,
  update: UPDATE_ERRORS,
  store: STORE_ERRORS,
  sync: SYNC_ERRORS,
} as const satisfies Record<string, Record<string, ErrorDefinition>>;

export const ERROR_DEFINITIONS = {
  ...ERROR_TABLES.core,
  ...ERROR_TABLES.cards,
  ...ERROR_TABLES.xml,
  ...ERROR_TABLES.soap,
  ...ERROR_TABLES.dmp,
  ...ERROR_TABLES.identity,
  ...ERROR_TABLES.training,
  ...ERROR_TABLES.documents,
  ...ERROR_TABLES.documentAccess,
  ...ERROR_TABLES.audit,
  ...ERROR_TABLES.session,
  ...ERROR_TABLES.config,
  ...ERROR_TABLES.update,
  ...ERROR_TABLES.store,
  ...ERROR_TABLES.sync,
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_DEFINITIONS;

export const ERROR_CODES = Object.keys(ERROR_DEFINITIONS) as ErrorCode[];

/** Non-sensitive, structured context (counts, identifiers of our own objects, field paths). */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AppErrorShape {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly retryable: boolean;
  readonly details?: ErrorDetails;
}

/**
 * Thrown inside a process; turned into an {@link AppErrorShape} at every boundary.
 * `message` is the code itself so that an accidental `String(error)` leaks nothing.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly retryable: boolean;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, options: { details?: ErrorDetails; retryable?: boolean; cause?: unknown } = {}) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    const definition = ERROR_DEFINITIONS[code];
    this.code = code;
    this.messageKey = definition.messageKey;
    this.retryable = options.retryable ?? definition.retryable;
    this.details = options.details;
  }

  toShape(): AppErrorShape {
    return toErrorShape(this);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_DEFINITIONS, value);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Any thrown value to the public shape. Unknown errors become INTERNAL_ERROR: their text may hold anything. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) {
    return error.details === undefined
      ? { code: error.code, messageKey: error.messageKey, retryable: error.retryable }
      : { code: error.code, messageKey: error.messageKey, retryable: error.retryable, details: error.details };
  }
  const definition = ERROR_DEFINITIONS.INTERNAL_ERROR;
  return { code: 'INTERNAL_ERROR', messageKey: definition.messageKey, retryable: definition.retryable };
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error });
