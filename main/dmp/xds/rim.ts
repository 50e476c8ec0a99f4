import type { CodedValue } from '../../../shared/domain/documents';
import { escapeXmlAttribute as attr } from '../../xml';

/** Small writers for ebRIM 3.0 fragments (default namespace rim, declared by the enclosing request). */
export const slot = (name: string, values: readonly string[]): string =>
  `<Slot name="${attr(name)}"><ValueList>${values.map((v) => `<Value>${attr(v)}</Value>`).join('')}</ValueList></Slot>`;

export const localized = (element: 'Name' | 'Description', value: string): string =>
  `<${element}><LocalizedString charset="UTF8" value="${attr(value)}" xml:lang="FR"/></${element}>`;

export function classification(
  scheme: string,
  classified: string,
  id: string,
  value: CodedValue,
  codingScheme = value.codeSystem,
): string {
  return (
    `<Classification classificationScheme="${scheme}" classifiedObject="${attr(classified)}" id="${attr(id)}" nodeRepresentation="${attr(value.code)}">` +
    `${slot('codingScheme', [codingScheme])}${localized('Name', value.displayName)}</Classification>`
  );
}

export function externalIdentifier(
  scheme: string,
  registryObject: string,
  id: string,
  value: string,
  name: string,
): string {
  return (
    `<ExternalIdentifier id="${attr(id)}" identificationScheme="${scheme}" registryObject="${attr(registryObject)}" value="${attr(value)}">` +
    `${localized('Name', name)}</ExternalIdentifier>`
  );
}

export function association(id: string, type: string, source: string, target: string, slots = ''): string {
  return `<Association associationType="${type}" id="${attr(id)}" sourceObject="${attr(source)}" targetObject="${attr(target)}">${slots}</Association>`;
}

/** Sequential symbolic ids (cl1, cl2…) for the objects of one request. */
export function idCounter(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${(next += 1)}`;
}
