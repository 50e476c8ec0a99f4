import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';
import { tooComplex } from './guard';

/**
 * Element nesting measured on the raw text, before any parser: the DOM parser slows down with
 * depth (a 20 MB chain of a million nested elements holds the main process for seconds), so a
 * depth bomb is refused here in one linear pass. Not a validator: anything malformed is left for
 * the parser to report; quotes are honoured so a '>' inside an attribute value is not a tag end.
 */
export function assertNestingWithin(text: string, maxDepth: number = READABLE_CDA_LIMITS.maxDepth): void {
  let depth = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    const next = text.charCodeAt(at + 1);
    if (text.startsWith('<!--', at)) at = skipPast(text, '-->', at);
    else if (text.startsWith('<![CDATA[', at)) at = skipPast(text, ']]>', at);
    else if (next === 0x3f /* ? */ || next === 0x21 /* ! */) at = skipPast(text, '>', at);
    else if (next === 0x2f /* / */) {
      depth -= 1;
      at = skipPast(text, '>', at);
    } else {
      const end = tagEnd(text, at + 1);
      if (end === -1) return;
      if (text.charCodeAt(end - 1) !== 0x2f /* / */) {
        depth += 1;
        if (depth > maxDepth) throw tooComplex('depth');
      }
      at = end + 1;
    }
    if (at === 0) return;
    at = text.indexOf('<', at);
  }
}

/** Index just past `marker`, or 0 when it never comes (the parser will call that malformed). */
function skipPast(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from);
  return found === -1 ? 0 : found + marker.length;
}

/** Index of the '>' closing a start tag, quoted attribute values skipped; -1 if none. */
function tagEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x3e /* > */) return i;
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      i = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i === -1) return -1;
    }
  }
  return -1;
}
