import { createHash } from 'node:crypto';
import { C14nCanonicalizationWithComments } from 'xml-crypto';
import { AppError } from '../../../shared/errors';
import { parseXmlSafely } from '../../xml';

export const C14N_WITH_COMMENTS = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';

/** Attribute value escaping of Canonical XML 1.0 (§2.3). */
export const c14nAttribute = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');

/** Text escaping of Canonical XML 1.0 (§2.3). */
export const c14nText = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');

/**
 * SHA-256 of the inclusive canonical form (with comments) of a whole XML document, the digest the
 * IHE manifest carries for each submitted document. The document is our own CDA, but it is parsed
 * with the hardened parser all the same: a DOCTYPE would change what a verifier digests.
 */
export function canonicalDocumentDigest(xml: string): Buffer {
  let document: Document;
  try {
    document = parseXmlSafely(xml, { maxBytes: 64 * 1024 * 1024 });
  } catch (cause) {
    throw new AppError('DOC_INVALID_INPUT', { details: { field: 'document' }, cause });
  }
  const root = document.documentElement;
  const canonical = new C14nCanonicalizationWithComments().process(root, {});
  return createHash('sha256').update(canonical, 'utf8').digest();
}
