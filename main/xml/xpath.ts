import xpath from 'xpath';
import { NS } from './namespaces';

/**
 * XPath over the DOM with a fixed namespace map, so every expression names elements by
 * namespace (never by the prefix a sender happened to choose).
 */
const select = xpath.useNamespaces({ ...NS });

export function selectNodes(context: Node, expression: string): Node[] {
  const result = select(expression, context);
  return Array.isArray(result) ? result : [];
}

export function selectElements(context: Node, expression: string): Element[] {
  return selectNodes(context, expression).filter((node): node is Element => node.nodeType === 1);
}

export function selectElement(context: Node, expression: string): Element | undefined {
  return selectElements(context, expression)[0];
}

/** Text of the first node matched (element text content or attribute value), trimmed; undefined if none. */
export function selectText(context: Node, expression: string): string | undefined {
  const node = selectNodes(context, expression)[0];
  if (node === undefined) return undefined;
  const value = node.nodeType === 2 ? (node as Attr).value : (node.textContent ?? '');
  return value.trim();
}

/** Children elements of `parent`, in document order, optionally filtered by namespace and local name. */
export function childElements(parent: Node, namespace?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (namespace !== undefined && element.namespaceURI !== namespace) continue;
    if (localName !== undefined && element.localName !== localName) continue;
    out.push(element);
  }
  return out;
}
