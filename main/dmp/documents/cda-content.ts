import { AppError } from '../../../shared/errors';
import { NS, parseXmlSafely, selectElement } from '../../xml';

export interface DisplayableContent {
  readonly mediaType: 'application/pdf' | 'text/plain' | 'text/xml';
  readonly content: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * What the viewer shows of a retrieved CDA: the embedded PDF or text of an N1 document, or the
 * CDA itself for a structured one (the desk has no N3 renderer). The CDA is parsed with the
 * DOCTYPE-refusing parser: it comes from outside.
 */
export function displayableContent(cdaBytes: Buffer): DisplayableContent {
  const document = parseXmlSafely(cdaBytes.toString('utf8'));
  const root = document.documentElement;
  if (root === null || root.namespaceURI !== NS.hl7 || root.localName !== 'ClinicalDocument') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_cda' } });
  }
  const text = selectElement(root, "*[local-name()='component']/*[local-name()='nonXMLBody']/*[local-name()='text']");
  if (text === undefined) return { mediaType: 'text/xml', content: cdaBytes };
  const mediaType = text.getAttribute('mediaType');
  const inline = (text.textContent ?? '').replace(/\s+/g, '');
  if (text.getAttribute('representation') !== 'B64' || !BASE64.test(inline) || inline.length % 4 !== 0) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'nonxmlbody' } });
  }
  if (mediaType !== 'application/pdf' && mediaType !== 'text/plain') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'media_type' } });
  }
  return { mediaType, content: Buffer.from(inline, 'base64') };
}
