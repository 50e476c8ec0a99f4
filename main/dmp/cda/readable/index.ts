import type { ReadableCda } from '../../../../shared/api/readable-cda';
import { AppError } from '../../../../shared/errors';
import { childElements, NS, selectElement } from '../../../xml';
import { assertClinicalDocument } from '../received';
import { Budget } from './budget';
import { assertWithinLimits } from './guard';
import { readableHeader } from './header';
import { readableSections } from './sections';

/**
 * A structured CDA R2 (structuredBody) as a bounded, data-only readable document. The root must
 * be a ClinicalDocument already parsed by the DOCTYPE-refusing parser. Only the narrative of each
 * section is kept: in CDA R2 the narrative block is the attested, human-readable content, and
 * the coded entries are derived from it for machines; showing entries would show something the
 * author never signed as text.
 */
export function readableCda(root: Element): ReadableCda {
  assertClinicalDocument(root);
  const media = new Map<string, string | null>();
  assertWithinLimits(root, (element) => collectMedia(element, media));
  const body = selectElement(root, 'hl7:component/hl7:structuredBody');
  if (body === undefined) throw new AppError('DOC_INVALID_RESPONSE', { details: { reason: 'no_structured_body' } });
  return { header: readableHeader(root), sections: readableSections(body, new Budget(), media) };
}

/** renderMultiMedia points at observationMedia by ID; the viewer names them, it never shows their bytes. */
function collectMedia(element: Element, media: Map<string, string | null>): void {
  if (element.localName !== 'observationMedia' || element.namespaceURI !== NS.hl7) return;
  const id = element.getAttribute('ID');
  if (id === null || id === '') return;
  const value = childElements(element, NS.hl7, 'value')[0];
  media.set(id, value?.getAttribute('mediaType')?.slice(0, 200) ?? null);
}
