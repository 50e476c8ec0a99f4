import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';
import {
  DEFAULT_XML_COMPLEXITY_LIMITS,
  exceededXmlLimit,
  type XmlComplexityLimits,
} from '../../../../shared/xml/complexity';
import { tooComplex } from './guard';

/**
 * Budgets of a received CDA's raw text: the depth and element count the readable converter
 * accepts (so a document refused later is refused before the DOM is built), attributes as for any
 * XML from outside.
 */
export const RECEIVED_CDA_XML_LIMITS: XmlComplexityLimits = {
  maxDepth: READABLE_CDA_LIMITS.maxDepth,
  maxElements: READABLE_CDA_LIMITS.maxElements,
  maxAttributes: DEFAULT_XML_COMPLEXITY_LIMITS.maxAttributes,
};

/**
 * Element nesting measured on the raw text, before any parser, by the same one-pass prescan
 * parseXmlSafely runs (shared/xml/complexity.ts); refused as DOC_CDA_TOO_COMPLEX like the
 * converter's own limits.
 */
export function assertNestingWithin(text: string, maxDepth: number = READABLE_CDA_LIMITS.maxDepth): void {
  const exceeded = exceededXmlLimit(text, {
    maxDepth,
    maxElements: Number.MAX_SAFE_INTEGER,
    maxAttributes: Number.MAX_SAFE_INTEGER,
  });
  if (exceeded !== undefined) throw tooComplex(exceeded);
}
