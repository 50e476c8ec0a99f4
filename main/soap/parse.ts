import { AppError } from '../../shared/errors';
import { NS, childElements, parseXmlSafely, selectText, type ParseXmlOptions } from '../xml';

export type SoapVersion = '1.1' | '1.2';

export interface SoapFaultInfo {
  /** Local part of Code/Value (SOAP 1.2) or faultcode (1.1), e.g. `Sender`. */
  readonly code: string;
  /** Local part of the innermost Subcode/Value, e.g. `DMPInvalidCertificate`; the DMP puts its reason here. */
  readonly subcode: string | null;
}

export interface ParsedEnvelope {
  readonly version: SoapVersion;
  readonly document: Document;
  readonly header: Element | undefined;
  /** The first element inside Body (the payload or the Fault). */
  readonly payload: Element | undefined;
  readonly action: string | undefined;
  readonly relatesTo: string | undefined;
  readonly fault: SoapFaultInfo | undefined;
}

const localPart = (qname: string): string => qname.slice(qname.indexOf(':') + 1).trim();

/** A code or subcode goes into error details and logs: keep it a short token, never free text. */
function token(value: string | undefined): string | null {
  if (value === undefined) return null;
  const local = localPart(value);
  return /^[A-Za-z0-9_.-]{1,80}$/.test(local) ? local : null;
}

function readFault(fault: Element, version: SoapVersion): SoapFaultInfo {
  if (version === '1.1') {
    const faultcode = token(selectText(fault, 'faultcode'));
    return { code: faultcode ?? 'Unknown', subcode: null };
  }
  const code = token(selectText(fault, 'soap12:Code/soap12:Value')) ?? 'Unknown';
  // Subcodes nest; the innermost is the most specific reason.
  const subcodes = childElementsDeep(fault);
  return { code, subcode: token(subcodes.at(-1)) };
}

function childElementsDeep(fault: Element): string[] {
  const values: string[] = [];
  let level = childElements(fault, NS.soap12, 'Code')[0];
  for (;;) {
    const sub: Element | undefined = level === undefined ? undefined : childElements(level, NS.soap12, 'Subcode')[0];
    if (sub === undefined) return values;
    const value = childElements(sub, NS.soap12, 'Value')[0]?.textContent;
    if (value !== undefined && value !== null) values.push(value);
    level = sub;
  }
}

/** Parses a SOAP 1.2 (or, tolerated, 1.1) envelope. Throws XML_* errors, or SOAP_INVALID_RESPONSE if it is no envelope. */
export function parseEnvelope(text: string, options: ParseXmlOptions = {}): ParsedEnvelope {
  const document = parseXmlSafely(text, options);
  const root = document.documentElement;
  const ns = root.namespaceURI;
  const version: SoapVersion | undefined = ns === NS.soap12 ? '1.2' : ns === NS.soap11 ? '1.1' : undefined;
  if (version === undefined || root.localName !== 'Envelope') {
    throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'not_an_envelope' } });
  }
  const envNs = ns ?? '';
  const header = childElements(root, envNs, 'Header')[0];
  const body = childElements(root, envNs, 'Body')[0];
  if (body === undefined) throw new AppError('SOAP_INVALID_RESPONSE', { details: { reason: 'no_body' } });
  const payload = childElements(body)[0];
  const isFault = payload !== undefined && payload.namespaceURI === envNs && payload.localName === 'Fault';
  return {
    version,
    document,
    header,
    payload,
    action: header === undefined ? undefined : selectText(header, 'wsa:Action'),
    relatesTo: header === undefined ? undefined : selectText(header, 'wsa:RelatesTo'),
    fault: isFault ? readFault(payload, version) : undefined,
  };
}

/** The AppError a fault becomes when no domain layer knows better. */
export function faultError(fault: SoapFaultInfo): AppError {
  return new AppError('SOAP_FAULT', { details: { code: fault.code, subcode: fault.subcode } });
}
