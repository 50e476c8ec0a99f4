import { describe, expect, it } from 'vitest';
import {
  AppError,
  ERROR_CODES,
  ERROR_DEFINITIONS,
  ERROR_TABLES,
  isErrorCode,
  toErrorShape,
} from '../../../shared/errors';
import { TRANSLATIONS } from '../../../renderer/src/i18n/resources';

const { fr, en } = TRANSLATIONS;

const lookup = (resources: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);

describe('error codes', () => {
  it('are declared in exactly one domain table', () => {
    const seen = new Map<string, string>();
    for (const [table, codes] of Object.entries(ERROR_TABLES)) {
      for (const code of Object.keys(codes)) {
        expect(seen.get(code), `${code} in ${table} and ${seen.get(code)}`).toBeUndefined();
        seen.set(code, table);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('are SCREAMING_SNAKE_CASE so logs and support scripts can grep them', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it.each(ERROR_CODES)('%s has a French and an English message', (code) => {
    const key = ERROR_DEFINITIONS[code].messageKey;
    expect(typeof lookup(fr, key), `fr ${key}`).toBe('string');
    expect(typeof lookup(en, key), `en ${key}`).toBe('string');
  });
});

describe('toErrorShape', () => {
  it('keeps code, message key, retryable flag and details of an AppError', () => {
    const shape = toErrorShape(new AppError('STORAGE_FULL', { details: { errno: 'ENOSPC' } }));
    expect(shape).toEqual({
      code: 'STORAGE_FULL',
      messageKey: 'errors.storageFull',
      retryable: true,
      details: { errno: 'ENOSPC' },
    });
  });

  it('lets a caller override retryable', () => {
    expect(new AppError('STORAGE_IO', { retryable: false }).toShape().retryable).toBe(false);
  });

  it('turns any other thrown value into INTERNAL_ERROR without its text', () => {
    const secret = 'DUPONT Jean 1 84 12 75 123 456 — PIN 1234';
    const shape = toErrorShape(new Error(secret));
    expect(shape.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(shape)).not.toContain('DUPONT');
    expect(JSON.stringify(toErrorShape(secret))).not.toContain('1234');
  });

  it('has an AppError whose message is only its code', () => {
    const error = new AppError('SETTINGS_INVALID', { cause: new Error('patient name') });
    expect(error.message).toBe('SETTINGS_INVALID');
    expect(String(error)).not.toContain('patient');
  });

  it('recognises codes', () => {
    expect(isErrorCode('STORAGE_FULL')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
