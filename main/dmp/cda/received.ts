import { AppError } from '../../../shared/errors';
import { NS, parseXmlSafely } from '../../xml';
import { assertNestingWithin } from './readable/prescan';

/** Refuses anything but an HL7 v3 ClinicalDocument root. */
export function assertClinicalDocument(root: Element | null): asserts root is Element {
  if (root === null || root.namespaceURI !== NS.hl7 || root.localName !== 'ClinicalDocument') {
    throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'not_cda' } });
  }
}

/**
 * A CDA that came from outside (a repository answer): nesting checked on the raw text before any
 * parser runs (a depth bomb would hold the main process), parsed by the DOCTYPE-refusing parser,
 * and refused unless it is a ClinicalDocument.
 */
export function parseReceivedCda(bytes: Buffer): Element {
  const text = bytes.toString('utf8');
  assertNestingWithin(text);
  const root = parseXmlSafely(text).documentElement;
  assertClinicalDocument(root);
  return root;
}
