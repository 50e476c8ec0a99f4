import { randomUUID } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { childElements, firstChild, textOf, xmlEscape } from '../xml/safe-xml';
import { NS, WSA_ANONYMOUS } from './namespaces';

/** Thrown while handling a request; the server answers it as a SOAP 1.2 fault. */
export class SoapFault extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly side: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(code);
    this.name = 'SoapFault';
  }
}

export interface SoapRequest {
  readonly document: Document;
  readonly soapNs: string;
  readonly messageId: string | undefined;
  readonly action: string;
  readonly assertion: Element | undefined;
  /** The first element of soap:Body: the operation. */
  readonly operation: Element;
}

/** Reads the envelope the way the official examples build it (dmp-interface.md §1). */
export function readSoapRequest(document: Document): SoapRequest {
  const envelope = document.documentElement;
  if (envelope === null || envelope.localName !== 'Envelope') {
    throw new SoapFault('DMPInvalidRequest', 'Not a SOAP envelope');
  }
  const soapNs = envelope.namespaceURI;
  if (soapNs !== NS.soap12 && soapNs !== NS.soap11) {
    throw new SoapFault('DMPInvalidRequest', 'Unknown SOAP version');
  }
  const header = firstChild(envelope, soapNs, 'Header');
  const body = firstChild(envelope, soapNs, 'Body');
  if (header === undefined || body === undefined) throw new SoapFault('DMPInvalidRequest', 'Missing Header or Body');
  const operation = childElements(body)[0];
  if (operation === undefined) throw new SoapFault('DMPInvalidRequest', 'Empty Body');
  const action = textOf(firstChild(header, NS.wsa, 'Action'));
  if (action === undefined || action === '') throw new SoapFault('DMPInvalidRequest', 'Missing wsa:Action');
  const security = firstChild(header, NS.wsse, 'Security');
  const assertions = security === undefined ? [] : childElements(security, NS.saml2, 'Assertion');
  if (assertions.length > 1) throw new SoapFault('DMPInvalidVIHF', 'More than one assertion');
  return {
    document,
    soapNs,
    messageId: textOf(firstChild(header, NS.wsa, 'MessageID')),
    action,
    assertion: assertions[0],
    operation,
  };
}

function addressingHeader(action: string, relatesTo: string | undefined): string {
  const relates = relatesTo === undefined ? '' : `<RelatesTo xmlns="${NS.wsa}">${xmlEscape(relatesTo)}</RelatesTo>`;
  return (
    `<soap:Header>` +
    `<Action xmlns="${NS.wsa}">${xmlEscape(action)}</Action>` +
    `<MessageID xmlns="${NS.wsa}">urn:uuid:${randomUUID()}</MessageID>` +
    `<To xmlns="${NS.wsa}">${WSA_ANONYMOUS}</To>` +
    relates +
    `</soap:Header>`
  );
}

/** A response envelope shaped like the official ones: ns1 declared on the envelope, WS-A reply headers. */
export function soapResponse(options: {
  ns1: string;
  action: string;
  relatesTo: string | undefined;
  body: string;
}): string {
  return (
    `<soap:Envelope xmlns:ns1="${options.ns1}" xmlns:soap="${NS.soap12}">` +
    addressingHeader(options.action, options.relatesTo) +
    `<soap:Body>${options.body}</soap:Body></soap:Envelope>`
  );
}

/** SOAP 1.2 fault; the DMP code goes in Subcode/Value, the way the live service reports DMPInvalidCertificate. */
export function soapFault(fault: SoapFault, relatesTo: string | undefined): string {
  return (
    `<soap:Envelope xmlns:soap="${NS.soap12}">` +
    addressingHeader('http://www.w3.org/2005/08/addressing/soap/fault', relatesTo) +
    `<soap:Body><soap:Fault>` +
    `<soap:Code><soap:Value>soap:${fault.side}</soap:Value>` +
    `<soap:Subcode><soap:Value>${xmlEscape(fault.code)}</soap:Value></soap:Subcode></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="en">${xmlEscape(fault.reason)}</soap:Text></soap:Reason>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
