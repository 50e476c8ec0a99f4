// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readableCda } from '../../../../main/dmp/cda/readable';
import { clinicalDocumentOf } from '../../../../main/dmp/cda/received';
import { parseXmlSafely, selectNodes } from '../../../../main/xml';
import { ReadableCda } from '../../../../renderer/src/features/documents/ReadableCda';
import { createI18n } from '../../../../renderer/src/i18n';
import { vectorsPath } from '../../../support/vectors';

/** The official structured examples drawn by the viewer: one heading per section, every table, valid DOM. */
afterEach(cleanup);

const dir = vectorsPath('cda', 'examples');
const structured = readdirSync(dir)
  .filter((name) => name.endsWith('.xml'))
  .flatMap((name) => {
    // An auto-présentable example (xsl:stylesheet root) shows the ClinicalDocument it carries.
    const root = clinicalDocumentOf(parseXmlSafely(readFileSync(`${dir}/${name}`, 'utf8')).documentElement);
    return selectNodes(root, 'hl7:component/hl7:structuredBody').length > 0 ? [{ name, root }] : [];
  });

describe('ReadableCda view of the official structured examples', () => {
  it('has structured examples to draw', () => {
    expect(structured.length).toBeGreaterThanOrEqual(2);
  });

  it.each(structured.map((e) => [e.name, e] as const))('%s', async (_name, { root }) => {
    // React reports invalid nesting (a table in a <p>...) and key problems through console.error.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const i18n = await createI18n('fr');
      const { container } = render(
        <I18nextProvider i18n={i18n}>
          <ReadableCda readable={readableCda(root)} />
        </I18nextProvider>,
      );
      const sections = selectNodes(root, 'hl7:component/hl7:structuredBody//hl7:section');
      expect(container.querySelectorAll('section.readable-cda__section')).toHaveLength(sections.length);
      expect(screen.getAllByRole('heading')).toHaveLength(sections.length);
      const tables = selectNodes(root, 'hl7:component/hl7:structuredBody//hl7:section/hl7:text//hl7:table');
      expect(screen.queryAllByRole('table')).toHaveLength(tables.length);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
