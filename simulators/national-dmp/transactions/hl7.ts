import { randomUUID } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { attr, childElements, childPath, firstChild, textOf, xmlEscape } from '../../xml/safe-xml';
import { DMP_CODES } from '../fault-codes';
import { INS_OIDS, NS, OID } from '../namespaces';
import { SoapFault } from '../soap';
import type { DmpRecord } from '../store/store';

/** The parts of an HL7v3 request that the answer echoes (dmp-interface.md §4 "Common HL7v3 envelope"). */
export interface Hl7Request {
  readonly interaction: string;
  readonly id: { readonly root: string; readonly extension: string | undefined };
  readonly senderId: string;
  readonly senderSoftware: string;
  readonly controlAct: Element;
  readonly reasonCode: string;
}

export function readHl7Request(operation: Element): Hl7Request {
  if (operation.namespaceURI !== NS.hl7) throw new SoapFault(DMP_CODES.invalidRequest, 'Not an HL7v3 message');
  const id = firstChild(operation, NS.hl7, 'id');
  const root = attr(id, 'root');
  const senderDevice = childPath(operation, NS.hl7, 'sender', 'device');
  const controlAct = firstChild(operation, NS.hl7, 'controlActProcess');
  const reasonCode = attr(controlAct && firstChild(controlAct, NS.hl7, 'reasonCode'), 'code');
  if (root === undefined || senderDevice === undefined || controlAct === undefined || reasonCode === undefined) {
    throw new SoapFault(DMP_CODES.invalidRequest, 'Incomplete HL7v3 message');
  }
  return {
    interaction: operation.localName ?? '',
    id: { root, extension: attr(id, 'extension') },
    senderId: attr(firstChild(senderDevice, NS.hl7, 'id'), 'root') ?? '',
    senderSoftware: textOf(firstChild(senderDevice, NS.hl7, 'softwareName')) ?? '',
    controlAct,
    reasonCode,
  };
}

/** An INS carried in the body as `<… root="INS OID" extension="NIR"/>`. */
export function insOf(element: Element | undefined): string | undefined {
  if (element === undefined) return undefined;
  const root = attr(element, 'root');
  const extension = attr(element, 'extension');
  return root !== undefined && INS_OIDS.includes(root) && extension !== undefined ? extension : undefined;
}

export const hl7Timestamp = (date: Date): string => date.toISOString().replace(/[-:T]/g, '').slice(0, 14);

export function idElement(root: string, extension: string | undefined): string {
  return extension === undefined
    ? `<id root="${xmlEscape(root)}"/>`
    : `<id extension="${xmlEscape(extension)}" root="${xmlEscape(root)}"/>`;
}

/** Message header of a DMP answer: the DMP is the sender, the LPS of the request the receiver. */
export function responseHeader(interaction: string, request: Hl7Request, now: Date, messageId: string): string {
  return (
    messageId +
    `<creationTime value="${hl7Timestamp(now)}"/>` +
    `<interactionId extension="${interaction}" root="${OID.hl7Interaction}"/>` +
    `<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/>` +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE">` +
    `<id root="${xmlEscape(request.senderId)}"/><softwareName>${xmlEscape(request.senderSoftware)}</softwareName>` +
    `</device></receiver>` +
    `<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE">` +
    `<id root="${OID.dmpSystem}"/><softwareName>DMP</softwareName></device></sender>`
  );
}

export const newMessageId = (): string => idElement(OID.dmpMessageIds, randomUUID());
export const newRootId = (): string => `<id root="${randomUUID()}"/>`;

export function acknowledgement(request: Hl7Request, error?: { code: string; text: string }): string {
  const target = `<targetMessage>${idElement(request.id.root, request.id.extension)}</targetMessage>`;
  if (error === undefined) return `<acknowledgement typeCode="AA">${target}</acknowledgement>`;
  return (
    `<acknowledgement typeCode="AE">${target}` +
    `<acknowledgementDetail typeCode="E"><code code="${xmlEscape(error.code)}"/>` +
    `<text>${xmlEscape(error.text)}</text></acknowledgementDetail></acknowledgement>`
  );
}

export function reasonCodeElement(controlAct: Element): string {
  const reason = firstChild(controlAct, NS.hl7, 'reasonCode');
  const code = attr(reason, 'code') ?? '';
  const display = attr(reason, 'displayName');
  return (
    `<reasonCode code="${xmlEscape(code)}" codeSystem="${OID.reasonCode}"` +
    (display === undefined ? '' : ` displayName="${xmlEscape(display)}"`) +
    `/>`
  );
}

export const custodian = (): string =>
  `<custodian typeCode="CST"><assignedEntity classCode="ASSIGNED"><id root="${OID.dmpSystem}"/></assignedEntity></custodian>`;

export function boolObservation(code: string, codeSystem: string, value: boolean, displayName?: string): string {
  const display = displayName === undefined ? '' : ` displayName="${xmlEscape(displayName)}"`;
  return (
    `<subjectOf typeCode="SBJ"><administrativeObservation classCode="OBS" moodCode="EVN">` +
    `<code code="${code}" codeSystem="${codeSystem}"${display}/>` +
    `<value value="${value}" xsi:type="BL" xmlns:xsi="${NS.xsi}"/>` +
    `</administrativeObservation></subjectOf>`
  );
}

export function personName(dmp: Pick<DmpRecord, 'prefix' | 'given' | 'family'>, familyFirst = false): string {
  const prefix = dmp.prefix === null ? '' : `<prefix>${xmlEscape(dmp.prefix)}</prefix>`;
  const given = `<given>${xmlEscape(dmp.given)}</given>`;
  const family = `<family qualifier="SP">${xmlEscape(dmp.family)}</family>`;
  return `<name>${prefix}${familyFirst ? family + given : given + family}</name>`;
}

/** The patient ids a DMP answers with: the legacy INS-C first, then the INS (as in TD0.2 and TD1.3a). */
export function patientIds(dmp: DmpRecord): string {
  const insc = dmp.insc === null ? '' : idElement(OID.insc, dmp.insc);
  return insc + idElement(dmp.insOid, dmp.nir);
}

/** The value of a BL observation with that code among the patient's subjectOf, if present. */
export function observationValue(patient: Element, code: string): boolean | undefined {
  for (const subjectOf of childElements(patient, NS.hl7, 'subjectOf')) {
    const observation = firstChild(subjectOf, NS.hl7, 'administrativeObservation');
    if (attr(observation && firstChild(observation, NS.hl7, 'code'), 'code') !== code) continue;
    const value = attr(observation && firstChild(observation, NS.hl7, 'value'), 'value');
    return value === 'true';
  }
  return undefined;
}
