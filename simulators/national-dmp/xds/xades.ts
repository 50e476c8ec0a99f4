import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
} from 'xml-crypto';
import { attr, childElements, firstChild, parseUntrustedXml, UnsafeXmlError } from '../../xml/safe-xml';
import { XDS_NS } from './constants';

interface Canonicalizer {
  process(node: Node, options: Record<string, never>): string;
}

const CANONICALIZERS: Readonly<Record<string, () => Canonicalizer>> = {
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': () => new C14nCanonicalization(),
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': () => new C14nCanonicalizationWithComments(),
  'http://www.w3.org/2001/10/xml-exc-c14n#': () => new ExclusiveCanonicalization(),
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': () => new ExclusiveCanonicalizationWithComments(),
};

const DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
};

export type ManifestProblem = 'unreadable' | 'no_manifest' | 'no_reference' | 'unsupported' | 'digest_mismatch';

export class XadesCheckError extends Error {
  constructor(
    readonly problem: ManifestProblem,
    /** The uniqueId of the document concerned, when there is one. */
    readonly uniqueId?: string,
  ) {
    super(problem);
    this.name = 'XadesCheckError';
  }
}

/** The digest of a document as an IHE manifest Reference computes it (its transforms, then its digest method). */
export function manifestDigest(content: Buffer, transforms: readonly string[], digestAlgorithm: string): string {
  const hash = DIGESTS[digestAlgorithm];
  if (hash === undefined) throw new XadesCheckError('unsupported');
  let bytes: Buffer | string = content;
  for (const transform of transforms) {
    const canonicalizer = CANONICALIZERS[transform];
    if (canonicalizer === undefined) throw new XadesCheckError('unsupported');
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const document = parseUntrustedXml(text, Number.MAX_SAFE_INTEGER).documentElement;
    if (document === null) throw new XadesCheckError('unreadable');
    // xml-crypto types its input with the DOM lib; an xmldom node is what it walks.
    bytes = canonicalizer().process(document as unknown as Node, {});
  }
  return createHash(hash).update(bytes).digest('base64');
}

/**
 * Checks the IHE manifest of the submission's XAdES signature (dmp-interface.md §5): one Reference
 * `urn:oid:<uniqueId>` per document, whose digest matches the document as received.
 */
export function checkSignatureManifest(signature: Buffer, documents: ReadonlyMap<string, Buffer>): void {
  let root: Element | null;
  try {
    root = parseUntrustedXml(signature.toString('utf8').replace(/^\uFEFF/, '')).documentElement;
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw new XadesCheckError('unreadable');
    throw error;
  }
  if (root === null || root.namespaceURI !== XDS_NS.ds || root.localName !== 'Signature') {
    throw new XadesCheckError('unreadable');
  }
  const manifests = Array.from(root.getElementsByTagNameNS(XDS_NS.ds, 'Manifest'));
  if (manifests.length !== 1 || manifests[0] === undefined) throw new XadesCheckError('no_manifest');
  const references = new Map<string, Element>();
  for (const reference of childElements(manifests[0], XDS_NS.ds, 'Reference')) {
    references.set(reference.getAttribute('URI') ?? '', reference);
  }
  for (const [uniqueId, content] of documents) {
    const reference = references.get(`urn:oid:${uniqueId}`);
    if (reference === undefined) throw new XadesCheckError('no_reference', uniqueId);
    const transforms = childElements(
      firstChild(reference, XDS_NS.ds, 'Transforms') ?? reference,
      XDS_NS.ds,
      'Transform',
    ).map((transform) => transform.getAttribute('Algorithm') ?? '');
    const method = attr(firstChild(reference, XDS_NS.ds, 'DigestMethod'), 'Algorithm') ?? '';
    const expected = (firstChild(reference, XDS_NS.ds, 'DigestValue')?.textContent ?? '').replace(/\s/g, '');
    let actual: string;
    try {
      actual = manifestDigest(content, transforms, method);
    } catch (error) {
      if (error instanceof UnsafeXmlError) throw new XadesCheckError('unreadable', uniqueId);
      throw error;
    }
    if (actual !== expected) throw new XadesCheckError('digest_mismatch', uniqueId);
  }
}
