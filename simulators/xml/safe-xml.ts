import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { DEFAULT_XML_COMPLEXITY_LIMITS, exceededXmlLimit } from '../../shared/xml/complexity';

/** Why a document was refused; the simulator turns it into a SOAP fault, never a crash. */
export class UnsafeXmlError extends Error {
  constructor(readonly reason: 'too_large' | 'too_complex' | 'doctype' | 'malformed' | 'empty') {
    super(reason);
    this.name = 'UnsafeXmlError';
  }
}

export const DEFAULT_MAX_XML_BYTES = 2 * 1024 * 1024;

/**
 * Parses untrusted XML. Any DOCTYPE is refused before the parser sees the text: SOAP forbids
 * one anyway, and refusing it closes XXE and entity expansion (billion laughs) in one rule.
 * Nesting, element and attribute counts are checked on the raw text first: the DOM parser's cost
 * grows with them, and a depth bomb would hold the simulator's only thread.
 */
export function parseUntrustedXml(text: string, maxBytes = DEFAULT_MAX_XML_BYTES): Document {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new UnsafeXmlError('too_large');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new UnsafeXmlError('doctype');
  if (text.trim() === '') throw new UnsafeXmlError('empty');
  if (exceededXmlLimit(text, DEFAULT_XML_COMPLEXITY_LIMITS) !== undefined) throw new UnsafeXmlError('too_complex');
  let failed = false;
  const parser = new DOMParser({
    onError: (level) => {
      if (level !== 'warning') failed = true;
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch {
    throw new UnsafeXmlError('malformed');
  }
  if (failed || doc.documentElement === null) throw new UnsafeXmlError('malformed');
  return doc;
}

export const isElement = (node: Node | null | undefined): node is Element => node?.nodeType === 1;

/** Element children, optionally filtered by namespace and local name. */
export function childElements(parent: Node, ns?: string | null, localName?: string): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (!isElement(child)) continue;
    if (ns !== undefined && ns !== null && child.namespaceURI !== ns) continue;
    if (localName !== undefined && child.localName !== localName) continue;
    out.push(child);
  }
  return out;
}

export function firstChild(parent: Node, ns: string | null, localName: string): Element | undefined {
  return childElements(parent, ns, localName)[0];
}

/** Walks a path of local names in one namespace; undefined as soon as a step is missing. */
export function childPath(parent: Node, ns: string | null, ...names: string[]): Element | undefined {
  let current: Element | undefined = isElement(parent) ? parent : undefined;
  let node: Node = parent;
  for (const name of names) {
    current = firstChild(node, ns, name);
    if (current === undefined) return undefined;
    node = current;
  }
  return current;
}

export function textOf(element: Element | undefined): string | undefined {
  if (element === undefined) return undefined;
  return (element.textContent ?? '').trim();
}

export function attr(element: Element | undefined, name: string): string | undefined {
  if (element === undefined || !element.hasAttribute(name)) return undefined;
  return element.getAttribute(name) ?? undefined;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for both element content and double-quoted attribute values. */
export function xmlEscape(value: string): string {
  // Most values (codes, OIDs, dates) need nothing: skip the rewrite, answers carry thousands of them.
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
