import { randomUUID } from 'node:crypto';
import { NS, escapeXmlText } from '../xml';

export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';

export interface EnvelopeInput {
  /** WS-Addressing Action; also repeated in the HTTP Content-Type by the transport. */
  readonly action: string;
  /** WS-Addressing To: the endpoint URL. */
  readonly to: string;
  /** Defaults to a fresh `urn:uuid:`; pass one to correlate logs with the answer's RelatesTo. */
  readonly messageId?: string;
  /** Already-serialized header blocks placed after the addressing headers (e.g. the wsse:Security holding the VIHF). */
  readonly extraHeaders?: readonly string[];
  /** Already-serialized body content (one element, carrying its own namespace declarations). */
  readonly body: string;
}

export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

/**
 * A SOAP 1.2 envelope with the WS-Addressing headers in the order of the official DMP examples
 * (MessageID, To, ReplyTo, Action). Built as text: every variable part is escaped here or was
 * produced by a serializer, and text keeps signed header blocks (VIHF) byte-for-byte intact.
 */
export function buildEnvelope(input: EnvelopeInput): string {
  const messageId = input.messageId ?? newMessageId();
  const wsa = `xmlns="${NS.wsa}"`;
  return (
    `<soap:Envelope xmlns:soap="${NS.soap12}">` +
    '<soap:Header>' +
    `<MessageID ${wsa}>${escapeXmlText(messageId)}</MessageID>` +
    `<To ${wsa}>${escapeXmlText(input.to)}</To>` +
    `<ReplyTo ${wsa} soap:mustUnderstand="true"><Address>${WSA_ANONYMOUS}</Address></ReplyTo>` +
    `<Action ${wsa} soap:mustUnderstand="true">${escapeXmlText(input.action)}</Action>` +
    (input.extraHeaders ?? []).join('') +
    '</soap:Header>' +
    `<soap:Body>${input.body}</soap:Body>` +
    '</soap:Envelope>'
  );
}

/** The WS-Security header carrying only the VIHF assertion (no timestamp, no message signature), as the DMP expects. */
export function wsSecurityHeader(assertionXml: string): string {
  return `<wsse:Security xmlns:wsse="${NS.wsse}">${assertionXml}</wsse:Security>`;
}
