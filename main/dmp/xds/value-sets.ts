import { AppError } from '../../../shared/errors';
import type { CodedValue } from '../../../shared/domain/documents';
import { parseXmlSafely, selectElements, selectText } from '../../xml';

/** A value set as the ANS publishes it (IHE SVS RetrieveValueSetResponse, the JDV_*.xml files). */
export interface ValueSet {
  readonly id: string;
  readonly name: string;
  readonly concepts: readonly CodedValue[];
  has(code: string, codeSystem: string): boolean;
  lookup(code: string, codeSystem?: string): CodedValue | undefined;
}

const SVS = 'urn:ihe:iti:svs:2008';

export function parseValueSet(xml: string): ValueSet {
  const document = parseXmlSafely(xml);
  const root = document.documentElement as unknown as Element;
  const valueSet = selectElements(root, `//*[local-name()='ValueSet' and namespace-uri()='${SVS}']`)[0];
  const id = valueSet?.getAttribute('id') ?? '';
  if (valueSet === undefined || id === '') throw new AppError('DOC_INVALID_INPUT', { details: { field: 'valueSet' } });
  const concepts = selectElements(valueSet, `.//*[local-name()='Concept' and namespace-uri()='${SVS}']`).map(
    (concept): CodedValue => ({
      code: concept.getAttribute('code') ?? '',
      codeSystem: concept.getAttribute('codeSystem') ?? '',
      displayName: concept.getAttribute('displayName') ?? '',
    }),
  );
  return valueSetOf(id, valueSet.getAttribute('displayName') ?? selectText(valueSet, '@description') ?? id, concepts);
}

/** A value set from its concepts (the packaged JSON tables, or a parsed SVS file). */
export function valueSetOf(id: string, name: string, concepts: readonly CodedValue[]): ValueSet {
  const byKey = new Map(concepts.map((c) => [`${c.codeSystem}|${c.code}`, c]));
  return {
    id,
    name,
    concepts,
    has: (code, codeSystem) => byKey.has(`${codeSystem}|${code}`),
    lookup: (code, codeSystem) =>
      codeSystem === undefined ? concepts.find((c) => c.code === code) : byKey.get(`${codeSystem}|${code}`),
  };
}

/** The DMP metadata value sets a deposit is checked against before anything is signed. */
export interface DepositValueSets {
  readonly typeCode: ValueSet;
  readonly healthcareFacilityTypeCode: ValueSet;
  readonly practiceSettingCode: ValueSet;
  readonly authorSpecialty?: ValueSet;
}

export function requireInValueSet(valueSet: ValueSet | undefined, value: CodedValue, field: string): void {
  if (valueSet !== undefined && !valueSet.has(value.code, value.codeSystem)) {
    // The code is ours (a code, never patient data): safe in details, and useful to support.
    throw new AppError('DOC_CODE_NOT_IN_VALUE_SET', { details: { field, code: value.code, valueSet: valueSet.id } });
  }
}
