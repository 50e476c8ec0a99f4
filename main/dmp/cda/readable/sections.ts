import type { ReadableMark, ReadableSection } from '../../../../shared/api/readable-cda';
import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';
import { childElements, NS } from '../../../xml';
import type { Budget } from './budget';
import { tooComplex } from './guard';
import { narrative } from './narrative';
import { shortText } from './text';

const NO_MARKS: readonly ReadableMark[] = [];

/** component/section of a structuredBody or of a section, in document order; entries are left out. */
export function readableSections(
  parent: Element,
  budget: Budget,
  media: ReadonlyMap<string, string | null>,
  depth = 1,
): ReadableSection[] {
  const sections = childElements(parent, NS.hl7, 'component').flatMap((component) =>
    childElements(component, NS.hl7, 'section'),
  );
  if (sections.length > 0 && depth > READABLE_CDA_LIMITS.maxSectionDepth) throw tooComplex('sections');
  return sections.map((section) => {
    budget.node();
    const code = childElements(section, NS.hl7, 'code')[0];
    const codeValue = shortText(code?.getAttribute('code'));
    const text = childElements(section, NS.hl7, 'text')[0];
    const title = childElements(section, NS.hl7, 'title')[0];
    return {
      title: title === undefined ? null : shortText(title.textContent),
      code: codeValue === null ? null : { code: codeValue, displayName: shortText(code?.getAttribute('displayName')) },
      narrative: text === undefined ? [] : narrative(text, { budget, marks: NO_MARKS, media }),
      sections: readableSections(section, budget, media, depth + 1),
    };
  });
}
