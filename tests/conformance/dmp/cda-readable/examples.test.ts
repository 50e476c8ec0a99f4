import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readableCda } from '../../../../main/dmp/cda/readable';
import { clinicalDocumentOf } from '../../../../main/dmp/cda/received';
import { displayableContent } from '../../../../main/dmp/documents/cda-content';
import { parseXmlSafely, selectElements, selectNodes, selectText } from '../../../../main/xml';
import { ReadableCdaSchema, type ReadableNode, type ReadableSection } from '../../../../shared/api/readable-cda';
import { vectorsPath } from '../../../support/vectors';

/**
 * Every official CDA example with a structuredBody goes through the converter: the sections found
 * are the sections the file has, and no narrative text is lost on the way.
 */
const dir = vectorsPath('cda', 'examples');
const examples = readdirSync(dir)
  .filter((name) => name.endsWith('.xml'))
  .flatMap((name) => {
    // An auto-présentable example (xsl:stylesheet root) shows the ClinicalDocument it carries.
    const root = clinicalDocumentOf(parseXmlSafely(readFileSync(`${dir}/${name}`, 'utf8')).documentElement);
    return [{ name, root }];
  });
const structured = examples.filter((e) => selectNodes(e.root, 'hl7:component/hl7:structuredBody').length > 0);
const unstructured = examples.filter((e) => !structured.includes(e));

const collapse = (value: string): string => value.replace(/[\s\u00a0]+/g, ' ').trim();

function countSections(sections: readonly ReadableSection[]): number {
  return sections.reduce((n, section) => n + 1 + countSections(section.sections), 0);
}

function textsOfNodes(nodes: readonly ReadableNode[], out: string[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'link':
        out.push(node.text);
        break;
      case 'footnote':
        textsOfNodes(node.children, out);
        break;
      case 'media':
        textsOfNodes(node.caption, out);
        break;
      case 'paragraph':
        textsOfNodes(node.caption, out);
        textsOfNodes(node.children, out);
        break;
      case 'list':
        textsOfNodes(node.caption, out);
        node.items.forEach((item) => textsOfNodes(item, out));
        break;
      case 'table':
        textsOfNodes(node.caption, out);
        for (const row of [...node.head, ...node.bodies.flat(), ...node.foot]) {
          row.cells.forEach((cell) => textsOfNodes(cell.children, out));
        }
        break;
      case 'break':
        break;
    }
  }
}

function textsOfSections(sections: readonly ReadableSection[], out: string[] = []): string[] {
  for (const section of sections) {
    if (section.title !== null) out.push(section.title);
    textsOfNodes(section.narrative, out);
    textsOfSections(section.sections, out);
  }
  return out;
}

describe('readable rendering of the official structured CDA examples', () => {
  it('has structured examples to check', () => {
    expect(structured.length).toBeGreaterThanOrEqual(2);
  });

  it.each(structured.map((e) => [e.name, e] as const))('%s: every section, every narrative text', (_name, e) => {
    const readable = readableCda(e.root);
    // What main answers is what the router lets through.
    expect(ReadableCdaSchema.safeParse(readable).success).toBe(true);

    const sections = selectElements(e.root, 'hl7:component/hl7:structuredBody//hl7:section');
    expect(countSections(readable.sections)).toBe(sections.length);

    const output = textsOfSections(readable.sections).join('\n');
    const narrativeTexts = selectNodes(e.root, 'hl7:component/hl7:structuredBody//hl7:section/hl7:text//text()')
      .map((node) => collapse(node.nodeValue ?? ''))
      .filter((text) => text !== '');
    expect(narrativeTexts.length).toBeGreaterThan(0);
    const missing = narrativeTexts.filter((text) => !output.includes(text));
    expect(missing).toEqual([]);
    for (const section of sections) {
      const title = selectText(section, 'hl7:title');
      if (title !== undefined && title !== '') expect(output).toContain(collapse(title));
    }

    expect(readable.header.title).toBe(collapse(selectText(e.root, 'hl7:title') ?? ''));
    expect(readable.header.effectiveTime).toBe(selectText(e.root, 'hl7:effectiveTime/@value'));
    expect(readable.header.patient.birthTime).toBe(
      selectText(e.root, 'hl7:recordTarget/hl7:patientRole/hl7:patient/hl7:birthTime/@value'),
    );
    expect(readable.header.version).toBe(selectText(e.root, 'hl7:versionNumber/@value'));
    expect(readable.header.authors.length).toBe(selectNodes(e.root, 'hl7:author').length);
  });

  it.each(unstructured.map((e) => [e.name, e] as const))('%s: an N1 document is not converted', (_name, e) => {
    expect(() => readableCda(e.root)).toThrow(expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }));
  });

  it.each(examples.map((e) => [e.name, e] as const))('%s: retrieve answers the right kind of content', (name, e) => {
    // Through the whole retrieve path, raw-text pre-scan included: no official example is refused.
    const shown = displayableContent(readFileSync(`${dir}/${name}`));
    expect(shown.mediaType).toBe(structured.includes(e) ? 'application/hl7-cda+xml' : 'application/pdf');
  });
});
