import type { RetrievedContent } from '../../../shared/api/documents';
import { AppError } from '../../../shared/errors';
import { readableCda } from '../cda/readable';
import { parseReceivedCda } from '../cda/received';
import { selectElement } from '../../xml';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * What the viewer shows of a retrieved CDA: the embedded PDF or text of an N1 document, or the
 * readable tree of a structured one (never the XML: the renderer gets no markup from outside).
 */
export function displayableContent(cdaBytes: Buffer): RetrievedContent {
  const root = parseReceivedCda(cdaBytes);
  const body = selectElement(root, "*[local-name()='component']/*[local-name()='nonXMLBody']/*[local-name()='text']");
  if (body === undefined) return { mediaType: 'application/hl7-cda+xml', readable: readableCda(root) };
  const mediaType = body.getAttribute('mediaType');
  const inline = (body.textContent ?? '').replace(/\s+/g, '');
  if (body.getAttribute('representation') !== 'B64' || !BASE64.test(inline) || inline.length % 4 !== 0) {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'nonxmlbody' } });
  }
  if (mediaType !== 'application/pdf' && mediaType !== 'text/plain') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'media_type' } });
  }
  return { mediaType, contentBase64: Buffer.from(inline, 'base64').toString('base64') };
}
