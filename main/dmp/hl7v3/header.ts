import { randomUUID } from 'node:crypto';
import { DMP_OIDS } from '../../../shared/domain/dmp';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../../xml';

/** The LPS as an HL7v3 sender device: its OID and name (the DMP echoes them as receiver). */
export interface Hl7Sender {
  readonly oid: string;
  readonly softwareName: string;
}

/** `YYYYMMDDhhmmss` in UTC, the HL7v3 TS form of the official examples. */
export function hl7Timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export interface MessageIdentity {
  readonly root: string;
  readonly extension: string;
}

/**
 * Transmission wrapper shared by every DMP HL7v3 request: id, creationTime, interactionId,
 * processing codes, receiver (the DMP) then sender (the LPS), as in the official examples.
 */
export function transmissionWrapper(
  interaction: string,
  sender: Hl7Sender,
  now: Date,
): { readonly xml: string; readonly id: MessageIdentity } {
  const id = { root: `${sender.oid}.1`, extension: randomUUID() };
  const xml =
    `<id root="${attr(id.root)}" extension="${id.extension}"/>` +
    `<creationTime value="${hl7Timestamp(now)}"/>` +
    `<interactionId root="${DMP_OIDS.INTERACTION}" extension="${interaction}"/>` +
    '<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>' +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="${DMP_OIDS.SYSTEM}"/><softwareName>DMP</softwareName></device></receiver>` +
    `<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="${attr(sender.oid)}"/><softwareName>${text(sender.softwareName)}</softwareName></device></sender>`;
  return { xml, id };
}
