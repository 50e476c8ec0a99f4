import { DOMParser, type Element } from '@xmldom/xmldom';

/** Attributes that carry codes or structure: compared by value. Ids and timestamps are not. */
const CODE_ATTRIBUTES = new Set([
  'code',
  'codeSystem',
  'typeCode',
  'classCode',
  'moodCode',
  'determinerCode',
  'contextConductionInd',
  'qualifier',
  'ITSVersion',
  'use',
  'type',
]);
/** Leaf texts compared by value: statuses, contexts, names and the WS-Addressing Action. */
const COMPARED_TEXT = new Set(['status', 'context', 'Action', 'softwareName', 'given', 'family', 'prefix']);
/** Contact data an answer may repeat more or fewer times than the example; compared once. */
const REPEATABLE_DATA = new Set(['telecom']);
/** Elements whose attribute values are generated per message: only their attribute names count. */
const GENERATED = new Set(['creationTime', 'MessageID', 'RelatesTo']);

const childElementsOf = (element: Element): Element[] =>
  Array.from(element.childNodes).filter((node): node is Element => node.nodeType === 1);

/**
 * A comparable outline of a message: one line per element path with its namespace, its code
 * attributes and, for a few leaves, its text. Consecutive repeats of contact data collapse into
 * the first (an answer may hold one telecom where the example holds four); all else is kept.
 */
export function outline(xml: string, omit: ReadonlySet<string> = new Set()): string[] {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  if (root === null) throw new Error('outline: empty document');
  const lines: string[] = [];
  const walk = (element: Element, parentPath: string, isMessageId: boolean): void => {
    const name = element.localName ?? '';
    const path = `${parentPath}/${name}`;
    const attributes = Array.from(element.attributes)
      .filter((attribute) => !attribute.name.startsWith('xmlns'))
      .map((attribute) => {
        const local = attribute.localName ?? attribute.name;
        const keepValue =
          !isMessageId &&
          !GENERATED.has(name) &&
          (CODE_ATTRIBUTES.has(local) ||
            local === 'root' ||
            local === 'extension' ||
            (name === 'value' && local === 'value'));
        return keepValue ? `${local}=${attribute.value}` : local;
      })
      .sort();
    const children = childElementsOf(element);
    const text = children.length === 0 && COMPARED_TEXT.has(name) ? ` "${(element.textContent ?? '').trim()}"` : '';
    lines.push(`${path} {${element.namespaceURI ?? ''}} [${attributes.join(' ')}]${text}`);
    let previous: string | undefined;
    for (const child of children) {
      const key = `${child.namespaceURI ?? ''}:${child.localName ?? ''}`;
      if ((key === previous && REPEATABLE_DATA.has(child.localName ?? '')) || omit.has(child.localName ?? '')) continue;
      previous = key;
      // The message's own id (first id under the interaction element) is a fresh identifier.
      const messageId = child.localName === 'id' && /^PRPA_IN\d+UV02$/.test(name);
      walk(child, path, messageId);
    }
  };
  walk(root, '', false);
  return lines;
}
