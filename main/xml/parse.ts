import { DOMParser } from '@xmldom/xmldom';
import { AppError } from '../../shared/errors';
import { DEFAULT_XML_COMPLEXITY_LIMITS, exceededXmlLimit, type XmlComplexityLimits } from '../../shared/xml/complexity';

/** Far above any DMP/INSi answer we expect (MTOM documents are parsed part by part), far below memory trouble. */
export const DEFAULT_MAX_XML_BYTES = 20 * 1024 * 1024;

/**
 * A DTD is the door to every classic XML attack (external entities reading local files or
 * reaching the network, entity expansion "billion laughs"). No national service message
 * needs one, so any declaration is refused before a parser ever sees the text.
 */
const DECLARATION = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

const REPLACEMENT_CHARACTER_WARNING = /replacement character/i;

export interface ParseXmlOptions {
  readonly maxBytes?: number;
  /** Nesting, element and attribute budgets, checked on the raw text before the DOM is built. */
  readonly limits?: XmlComplexityLimits;
}

/**
 * Parses XML that came from outside. Throws AppError XML_TOO_LARGE, XML_HOSTILE, XML_TOO_COMPLEX
 * or XML_MALFORMED; never returns a half-parsed tree (xmldom would otherwise recover from many
 * errors silently). Every check that is cheaper than the parse runs before it.
 */
export function parseXmlSafely(text: string, options: ParseXmlOptions = {}): Document {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  // Cheap upper bound first, so a huge string is not walked just to measure it.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new AppError('XML_TOO_LARGE', { details: { maxBytes } });
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (DECLARATION.test(source)) throw new AppError('XML_HOSTILE', { details: { reason: 'declaration' } });
  const exceeded = exceededXmlLimit(source, options.limits ?? DEFAULT_XML_COMPLEXITY_LIMITS);
  if (exceeded !== undefined) throw new AppError('XML_TOO_COMPLEX', { details: { limit: exceeded } });

  let problem: string | undefined;
  const parser = new DOMParser({
    // xmldom's "warnings" are mostly well-formedness violations it would paper over (unquoted or
    // valueless attributes). The one exception is U+FFFD, a legal character the official examples contain.
    onError: (level, message) => {
      if (level === 'warning' && REPLACEMENT_CHARACTER_WARNING.test(message)) return;
      problem ??= level;
    },
  });
  let document: Document;
  try {
    document = parser.parseFromString(source, 'text/xml') as unknown as Document;
  } catch (cause) {
    throw new AppError('XML_MALFORMED', { cause });
  }
  if (problem !== undefined) throw new AppError('XML_MALFORMED', { details: { level: problem } });
  const root = document.documentElement;
  if (root === null || root === undefined) throw new AppError('XML_MALFORMED', { details: { reason: 'no_root' } });
  return document;
}
