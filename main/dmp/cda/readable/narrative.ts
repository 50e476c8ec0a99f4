import type {
  ReadableCell,
  ReadableMark,
  ReadableMedia,
  ReadableNode,
  ReadableRow,
} from '../../../../shared/api/readable-cda';
import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';
import { NS } from '../../../xml';
import type { Budget } from './budget';
import { collapse, safeHref } from './text';

/** What a narrative element inherits from its ancestors, and the document facts it may refer to. */
export interface NarrativeContext {
  readonly budget: Budget;
  readonly marks: readonly ReadableMark[];
  /** observationMedia of the document by ID, with their media type. */
  readonly media: ReadonlyMap<string, string | null>;
}

const STYLE_MARKS: Readonly<Record<string, ReadableMark>> = { bold: 'bold', italics: 'italic', underline: 'underline' };
const BLOCKS = new Set<ReadableNode['type']>(['paragraph', 'list', 'table', 'break']);

/**
 * CDA R2 NarrativeBlock (section/text) -> readable nodes. Only the elements of the narrative
 * schema are given a structure, and only the attributes that carry meaning for a reader are
 * read (styleCode, listType, colspan/rowspan, href, referencedObject); anything else, event
 * handlers and foreign elements included, is reduced to its text, so no markup can survive.
 */
export function narrative(text: Element, context: NarrativeContext): ReadableNode[] {
  return children(text, context);
}

/** `skipCaptions` where the parent renders its captions apart (paragraph, list item). */
function children(parent: Element, context: NarrativeContext, skipCaptions = false): ReadableNode[] {
  const out: ReadableNode[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (skipCaptions && node.nodeType === 1 && isHl7(node as Element, 'caption')) continue;
    if (node.nodeType === 3 || node.nodeType === 4) {
      out.push({ type: 'text', text: context.budget.text(collapse(node.nodeValue ?? '')), marks: context.marks });
    } else if (node.nodeType === 1) {
      for (const converted of element(node as Element, context)) out.push(converted);
    }
  }
  return tidy(out);
}

function element(el: Element, context: NarrativeContext): ReadableNode[] {
  const name = el.namespaceURI === NS.hl7 ? el.localName : '';
  switch (name) {
    case 'content':
      return children(el, withMarks(styled(el, context), revision(el)));
    case 'sub':
    case 'sup':
      return children(el, withMarks(context, [name]));
    case 'br':
      context.budget.node();
      return [{ type: 'break' }];
    case 'paragraph':
      context.budget.node();
      return [{ type: 'paragraph', caption: caption(el, context), children: children(el, styled(el, context), true) }];
    case 'list':
      return [list(el, styled(el, context))];
    case 'table':
      return [table(el, styled(el, context))];
    case 'footnote':
      context.budget.node();
      return [{ type: 'footnote', children: children(el, styled(el, context)) }];
    case 'linkHtml':
      return [link(el, context)];
    case 'renderMultiMedia':
      return [media(el, context)];
    // footnoteRef, col and colgroup carry no text; anything unknown keeps only its text.
    default:
      return children(el, context);
  }
}

function list(el: Element, context: NarrativeContext): ReadableNode {
  context.budget.node();
  const items: ReadableNode[][] = [];
  for (const child of elementChildren(el)) {
    if (isHl7(child, 'caption')) continue;
    context.budget.node();
    items.push(
      isHl7(child, 'item')
        ? [...itemCaption(child, context), ...children(child, styled(child, context), true)]
        : children(child, context),
    );
  }
  return { type: 'list', ordered: el.getAttribute('listType') === 'ordered', caption: caption(el, context), items };
}

function itemCaption(item: Element, context: NarrativeContext): ReadableNode[] {
  const nodes = caption(item, context);
  return nodes.length === 0 ? [] : [{ type: 'paragraph', caption: nodes, children: [] }];
}

function table(el: Element, context: NarrativeContext): ReadableNode {
  context.budget.node();
  const head: ReadableRow[] = [];
  const bodies: ReadableRow[][] = [];
  const foot: ReadableRow[] = [];
  let loose: ReadableRow[] | undefined;
  for (const child of elementChildren(el)) {
    const name = child.namespaceURI === NS.hl7 ? child.localName : '';
    if (name === 'thead') rows(child, context).forEach((row) => head.push(row));
    else if (name === 'tfoot') rows(child, context).forEach((row) => foot.push(row));
    else if (name === 'tbody') bodies.push(rows(child, context));
    else if (name === 'tr') {
      // Rows straight under table are not in the schema, but a reader should still see them.
      if (loose === undefined) bodies.push((loose = []));
      loose.push(row(child, context));
    }
  }
  return { type: 'table', caption: caption(el, context), head, bodies, foot };
}

function rows(group: Element, context: NarrativeContext): ReadableRow[] {
  const marked = styled(group, context);
  return elementChildren(group)
    .filter((child) => isHl7(child, 'tr'))
    .map((tr) => row(tr, marked));
}

function row(tr: Element, context: NarrativeContext): ReadableRow {
  context.budget.node();
  const marked = styled(tr, context);
  return { cells: elementChildren(tr).map((cell) => cellOf(cell, marked)) };
}

function cellOf(cell: Element, context: NarrativeContext): ReadableCell {
  context.budget.node();
  return {
    header: isHl7(cell, 'th'),
    colspan: span(cell.getAttribute('colspan')),
    rowspan: span(cell.getAttribute('rowspan')),
    children: children(cell, styled(cell, context)),
  };
}

function span(value: string | null): number {
  const parsed = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isInteger(parsed) && parsed >= 1 ? Math.min(parsed, READABLE_CDA_LIMITS.maxSpan) : 1;
}

function link(el: Element, context: NarrativeContext): ReadableNode {
  const text = collapse(el.textContent ?? '').trim();
  return { type: 'link', text: context.budget.text(text), href: safeHref(el.getAttribute('href')) };
}

function media(el: Element, context: NarrativeContext): ReadableNode {
  context.budget.node();
  const ids = (el.getAttribute('referencedObject') ?? '').split(/\s+/).filter((id) => id !== '');
  const objects: ReadableMedia[] = ids.slice(0, 100).map((id) => {
    context.budget.node();
    return { id: id.slice(0, 200), mediaType: context.media.get(id) ?? null };
  });
  return { type: 'media', objects, caption: caption(el, context) };
}

function caption(el: Element, context: NarrativeContext): ReadableNode[] {
  return elementChildren(el)
    .filter((child) => isHl7(child, 'caption'))
    .flatMap((child) => children(child, styled(child, context)));
}

function styled(el: Element, context: NarrativeContext): NarrativeContext {
  const added = (el.getAttribute('styleCode') ?? '')
    .split(/\s+/)
    .map((token) => STYLE_MARKS[token.toLowerCase()])
    .filter((mark): mark is ReadableMark => mark !== undefined);
  return withMarks(context, added);
}

/** Deleted text is kept, marked: the reader sees what changed, as the CDA R2 rendering guidance asks. */
function revision(el: Element): ReadableMark[] {
  const revised = el.getAttribute('revised');
  return revised === 'insert' ? ['inserted'] : revised === 'delete' ? ['deleted'] : [];
}

function withMarks(context: NarrativeContext, added: readonly ReadableMark[]): NarrativeContext {
  const fresh = added.filter((mark) => !context.marks.includes(mark));
  return fresh.length === 0 ? context : { ...context, marks: [...context.marks, ...fresh] };
}

/** Adjacent runs of the same style merged; whitespace dropped where a block starts or ends, as a browser would. */
function tidy(nodes: readonly ReadableNode[]): ReadableNode[] {
  const merged: ReadableNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text' && sameMarks(last.marks, node.marks)) {
      merged[merged.length - 1] = { ...last, text: last.text + node.text };
    } else {
      merged.push(node);
    }
  }
  const out: ReadableNode[] = [];
  merged.forEach((node, index) => {
    if (node.type !== 'text') return void out.push(node);
    const before = merged[index - 1];
    const after = merged[index + 1];
    let text = node.text;
    if (before === undefined || BLOCKS.has(before.type)) text = text.trimStart();
    if (after === undefined || BLOCKS.has(after.type)) text = text.trimEnd();
    if (text !== '') out.push({ ...node, text });
  });
  return out;
}

function sameMarks(a: readonly ReadableMark[], b: readonly ReadableMark[]): boolean {
  return a.length === b.length && a.every((mark) => b.includes(mark));
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let node = el.firstChild; node !== null; node = node.nextSibling)
    if (node.nodeType === 1) out.push(node as Element);
  return out;
}

function isHl7(el: Element, localName: string): boolean {
  return el.namespaceURI === NS.hl7 && el.localName === localName;
}
