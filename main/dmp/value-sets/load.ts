import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../log/logger';
import { valueSetOf, type DepositValueSets, type ValueSet } from '../xds/value-sets';
import { PACKAGED_VALUE_SETS, type PackagedValueSetName } from './catalogue';
import { PackedValueSetSchema } from './packed';

/**
 * Reads and checks the packaged value sets. A missing or altered table is a broken install, said
 * with a typed error naming the file (our own file name, no patient data).
 */
export function loadDepositValueSets(dir: string): DepositValueSets {
  const load = (name: PackagedValueSetName): ValueSet => {
    const { file } = PACKAGED_VALUE_SETS[name];
    let text: string;
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch (cause) {
      throw new AppError('VALUE_SETS_UNAVAILABLE', { details: { file, reason: 'missing' }, cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new AppError('VALUE_SETS_UNAVAILABLE', { details: { file, reason: 'not_json' }, cause });
    }
    const packed = PackedValueSetSchema.safeParse(json);
    if (!packed.success) throw new AppError('VALUE_SETS_UNAVAILABLE', { details: { file, reason: 'invalid' } });
    const { id, name: setName, concepts } = packed.data;
    return valueSetOf(
      id,
      setName,
      concepts.map(([code, codeSystem, displayName]) => ({ code, codeSystem, displayName })),
    );
  };
  return {
    typeCode: load('typeCode'),
    healthcareFacilityTypeCode: load('healthcareFacilityTypeCode'),
    practiceSettingCode: load('practiceSettingCode'),
    authorSpecialty: load('authorSpecialty'),
  };
}

/** The value sets as loaded at start, or the reason they could not be: asked again by each deposit. */
export type ValueSetsAtStart = () => DepositValueSets;

export function loadAtStart(dir: string, logger?: Logger): ValueSetsAtStart {
  try {
    const sets = loadDepositValueSets(dir);
    return () => sets;
  } catch (error) {
    // Said once at start, where IT looks for a broken install; the file name and reason are ours.
    const details = error instanceof AppError ? error.details : undefined;
    logger?.error('value-sets.unavailable', {
      file: typeof details?.['file'] === 'string' ? details['file'] : 'unknown',
      reason: typeof details?.['reason'] === 'string' ? details['reason'] : 'unknown',
    });
    // The desk still searches and reads; only the calls that need the tables fail, each with this error.
    return () => {
      throw error;
    };
  }
}
