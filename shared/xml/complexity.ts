/**
 * Complexity budget of an XML text, measured on the raw characters before any DOM parser runs.
 *
 * A DOM parser's cost grows with nesting and with the number of nodes, not with bytes alone: a
 * 20 MB chain of a million nested elements held the main process 82 s and 3.6 GB in xmldom, and
 * 20 MB of `<a/>` is millions of DOM nodes. Both the client (SOAP answers, received CDAs) and the
 * simulators (requests) refuse such texts here, in one linear pass with no allocation per tag.
 */
export interface XmlComplexityLimits {
  /** Deepest element nesting (the root is depth 1). */
  readonly maxDepth: number;
  /** Start tags in the whole text, self-closing ones included. */
  readonly maxElements: number;
  /** Attributes (namespace declarations included) in the whole text. */
  readonly maxAttributes: number;
}

export type XmlComplexityLimit = 'depth' | 'elements' | 'attributes';

/**
 * Far above any national-service message (the deepest official answers nest about 20 levels; a
 * registry answer of 1000 documents holds about 150 000 elements), far below a DOM that would
 * hurt (a few hundred MB at most).
 */
export const DEFAULT_XML_COMPLEXITY_LIMITS: XmlComplexityLimits = {
  maxDepth: 256,
  maxElements: 400_000,
  maxAttributes: 800_000,
};

/**
 * The first limit the text exceeds, or undefined. Not a validator: anything malformed is left for
 * the parser to report. Comments, CDATA sections, processing instructions and declarations hold
 * no elements; quotes are honoured, so a '>' or '<' inside an attribute value is not markup.
 */
export function exceededXmlLimit(text: string, limits: XmlComplexityLimits): XmlComplexityLimit | undefined {
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    const next = text.charCodeAt(at + 1);
    if (text.startsWith('<!--', at)) at = skipPast(text, '-->', at);
    else if (text.startsWith('<![CDATA[', at)) at = skipPast(text, ']]>', at);
    else if (next === 0x3f /* ? */) at = skipPast(text, '?>', at);
    else if (next === 0x21 /* ! */) at = skipPast(text, '>', at);
    else if (next === 0x2f /* / */) {
      depth -= 1;
      at = skipPast(text, '>', at);
    } else {
      const tag = startTag(text, at + 1);
      if (tag === undefined) return undefined;
      elements += 1;
      attributes += tag.quotedValues;
      if (elements > limits.maxElements) return 'elements';
      if (attributes > limits.maxAttributes) return 'attributes';
      if (text.charCodeAt(tag.end - 1) !== 0x2f /* / */) {
        depth += 1;
        if (depth > limits.maxDepth) return 'depth';
      }
      at = tag.end + 1;
    }
    if (at === 0) return undefined;
    at = text.indexOf('<', at);
  }
  return undefined;
}

/** Index just past `marker`, or 0 when it never comes (the parser will call that malformed). */
function skipPast(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from);
  return found === -1 ? 0 : found + marker.length;
}

/**
 * The '>' closing a start tag, quoted values skipped, and how many quoted values it holds (one per
 * attribute in well-formed XML); undefined when the tag never ends.
 */
function startTag(text: string, from: number): { end: number; quotedValues: number } | undefined {
  let quotedValues = 0;
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x3e /* > */) return { end: i, quotedValues };
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      i = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i === -1) return undefined;
      quotedValues += 1;
    }
  }
  return undefined;
}
