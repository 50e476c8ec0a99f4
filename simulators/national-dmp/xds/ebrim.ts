import type { Element } from '@xmldom/xmldom';
import { attr, childElements, firstChild, xmlEscape } from '../../xml/safe-xml';
import { XDS_NS } from './constants';

/** ebRIM 3.0 objects as the simulator keeps them (JSON in SQLite) and writes them back in answers. */
export interface RimSlot {
  readonly name: string;
  readonly values: readonly string[];
}

export interface RimClassification {
  readonly id: string;
  readonly scheme: string | undefined;
  readonly node: string | undefined;
  readonly nodeRepresentation: string | undefined;
  readonly slots: readonly RimSlot[];
  readonly name: string | undefined;
}

export interface RimExternalIdentifier {
  readonly id: string;
  readonly scheme: string;
  readonly value: string;
  readonly name: string | undefined;
}

export interface RimObject {
  readonly kind: 'ExtrinsicObject' | 'RegistryPackage';
  readonly id: string;
  readonly lid: string | undefined;
  readonly status: string | undefined;
  readonly mimeType: string | undefined;
  readonly objectType: string | undefined;
  readonly slots: readonly RimSlot[];
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly classifications: readonly RimClassification[];
  readonly externalIdentifiers: readonly RimExternalIdentifier[];
}

export interface RimAssociation {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly slots: readonly RimSlot[];
}

export interface RimObjectList {
  readonly objects: readonly RimObject[];
  readonly associations: readonly RimAssociation[];
  /** Classifications given beside the object they classify (e.g. the SubmissionSet node). */
  readonly classifications: readonly { readonly classifiedObject: string; readonly node: string | undefined }[];
}

function readSlots(parent: Element): RimSlot[] {
  return childElements(parent, XDS_NS.rim, 'Slot').map((slot) => ({
    name: slot.getAttribute('name') ?? '',
    values: childElements(firstChild(slot, XDS_NS.rim, 'ValueList') ?? slot, XDS_NS.rim, 'Value').map(
      (value) => value.textContent ?? '',
    ),
  }));
}

function localized(parent: Element, name: 'Name' | 'Description'): string | undefined {
  const holder = firstChild(parent, XDS_NS.rim, name);
  return holder === undefined ? undefined : attr(firstChild(holder, XDS_NS.rim, 'LocalizedString'), 'value');
}

function readObject(element: Element, kind: RimObject['kind']): RimObject {
  return {
    kind,
    id: element.getAttribute('id') ?? '',
    lid: attr(element, 'lid'),
    status: attr(element, 'status'),
    mimeType: attr(element, 'mimeType'),
    objectType: attr(element, 'objectType'),
    slots: readSlots(element),
    name: localized(element, 'Name'),
    description: localized(element, 'Description'),
    classifications: childElements(element, XDS_NS.rim, 'Classification').map((classification) => ({
      id: classification.getAttribute('id') ?? '',
      scheme: attr(classification, 'classificationScheme'),
      node: attr(classification, 'classificationNode'),
      nodeRepresentation: attr(classification, 'nodeRepresentation'),
      slots: readSlots(classification),
      name: localized(classification, 'Name'),
    })),
    externalIdentifiers: childElements(element, XDS_NS.rim, 'ExternalIdentifier').map((identifier) => ({
      id: identifier.getAttribute('id') ?? '',
      scheme: identifier.getAttribute('identificationScheme') ?? '',
      value: identifier.getAttribute('value') ?? '',
      name: localized(identifier, 'Name'),
    })),
  };
}

/** Reads a rim:RegistryObjectList (in a SubmitObjectsRequest). */
export function readObjectList(list: Element): RimObjectList {
  const objects: RimObject[] = [];
  const associations: RimAssociation[] = [];
  const classifications: { classifiedObject: string; node: string | undefined }[] = [];
  for (const child of childElements(list, XDS_NS.rim)) {
    if (child.localName === 'ExtrinsicObject' || child.localName === 'RegistryPackage') {
      objects.push(readObject(child, child.localName));
    } else if (child.localName === 'Association') {
      associations.push({
        id: child.getAttribute('id') ?? '',
        type: child.getAttribute('associationType') ?? '',
        source: child.getAttribute('sourceObject') ?? '',
        target: child.getAttribute('targetObject') ?? '',
        slots: readSlots(child),
      });
    } else if (child.localName === 'Classification') {
      classifications.push({
        classifiedObject: child.getAttribute('classifiedObject') ?? '',
        node: attr(child, 'classificationNode'),
      });
    }
  }
  return { objects, associations, classifications };
}

export const slotValues = (holder: { readonly slots: readonly RimSlot[] }, name: string): readonly string[] =>
  holder.slots.find((slot) => slot.name === name)?.values ?? [];

export const slotValue = (holder: { readonly slots: readonly RimSlot[] }, name: string): string | undefined =>
  slotValues(holder, name)[0];

export const classificationsOf = (object: RimObject, scheme: string): readonly RimClassification[] =>
  object.classifications.filter((classification) => classification.scheme === scheme);

export const externalId = (object: RimObject, scheme: string): string | undefined =>
  object.externalIdentifiers.find((identifier) => identifier.scheme === scheme)?.value;

// Writing, with the rim prefix the official answers use (ns4 in TD3.1).

const P = 'ns4:';

const localizedXml = (tag: 'Name' | 'Description', value: string | undefined): string =>
  value === undefined
    ? ''
    : `<${P}${tag}><${P}LocalizedString charset="UTF8" value="${xmlEscape(value)}" xml:lang="FR"/></${P}${tag}>`;

function slotsXml(slots: readonly RimSlot[]): string {
  return slots
    .map(
      (slot) =>
        `<${P}Slot name="${xmlEscape(slot.name)}"><${P}ValueList>` +
        slot.values.map((value) => `<${P}Value>${xmlEscape(value)}</${P}Value>`).join('') +
        `</${P}ValueList></${P}Slot>`,
    )
    .join('');
}

const optionalAttribute = (name: string, value: string | undefined): string =>
  value === undefined ? '' : ` ${name}="${xmlEscape(value)}"`;

/** An ExtrinsicObject or RegistryPackage in the order of the official TD3.1 answer. */
export function objectXml(object: RimObject, versionName: number | undefined): string {
  const tag = object.kind;
  const head =
    `<${P}${tag} id="${xmlEscape(object.id)}"` +
    (tag === 'ExtrinsicObject' ? ' isOpaque="false"' : '') +
    optionalAttribute('lid', object.lid) +
    optionalAttribute('mimeType', object.mimeType) +
    optionalAttribute('objectType', object.objectType) +
    optionalAttribute('status', object.status) +
    '>';
  const slots = [...object.slots].sort((a, b) => a.name.localeCompare(b.name));
  const classifications = object.classifications
    .map(
      (c) =>
        `<${P}Classification` +
        optionalAttribute('classificationScheme', c.scheme) +
        optionalAttribute('classificationNode', c.node) +
        ` classifiedObject="${xmlEscape(object.id)}" id="${xmlEscape(c.id)}"` +
        optionalAttribute('nodeRepresentation', c.nodeRepresentation ?? (c.node === undefined ? '' : undefined)) +
        `>${slotsXml(c.slots)}${localizedXml('Name', c.name)}</${P}Classification>`,
    )
    .join('');
  const identifiers = object.externalIdentifiers
    .map(
      (e) =>
        `<${P}ExternalIdentifier id="${xmlEscape(e.id)}" identificationScheme="${xmlEscape(e.scheme)}"` +
        ` registryObject="${xmlEscape(object.id)}" value="${xmlEscape(e.value)}">` +
        `${localizedXml('Name', e.name)}</${P}ExternalIdentifier>`,
    )
    .join('');
  const version = versionName === undefined ? '' : `<${P}VersionInfo versionName="${versionName}"/>`;
  return (
    head +
    slotsXml(slots) +
    localizedXml('Name', object.name) +
    localizedXml('Description', object.description) +
    version +
    classifications +
    identifiers +
    `</${P}${tag}>`
  );
}

export function associationXml(association: RimAssociation): string {
  return (
    `<${P}Association associationType="${xmlEscape(association.type)}" id="${xmlEscape(association.id)}"` +
    ` objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association"` +
    ` sourceObject="${xmlEscape(association.source)}" targetObject="${xmlEscape(association.target)}">` +
    `${slotsXml(association.slots)}</${P}Association>`
  );
}

/** ObjectRef, for `returnType="ObjectRef"`. */
export const objectRefXml = (id: string): string => `<${P}ObjectRef id="${xmlEscape(id)}"/>`;
