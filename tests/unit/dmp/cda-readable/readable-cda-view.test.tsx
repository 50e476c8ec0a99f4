// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { readableCda } from '../../../../main/dmp/cda/readable';
import { parseXmlSafely } from '../../../../main/xml';
import { ReadableCda } from '../../../../renderer/src/features/documents/ReadableCda';
import { createI18n } from '../../../../renderer/src/i18n';

afterEach(cleanup);

/** The tree the view gets is the one the real converter builds from a CDA, hostile bits included. */
const CDA =
  '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:x="http://www.w3.org/1999/xhtml">' +
  '<title>Lettre de liaison</title><effectiveTime value="20240105143000+0100"/><confidentialityCode code="R" codeSystem="2.16.840.1.113883.5.25"/>' +
  '<recordTarget><patientRole><patient><name><family qualifier="BR">MARTIN</family><given>ANNE</given></name>' +
  '<birthTime value="19800229"/></patient></patientRole></recordTarget>' +
  '<author><assignedAuthor><assignedPerson><name><given>Max</given><family>LIBRE</family></name></assignedPerson>' +
  '</assignedAuthor></author>' +
  '<relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.3.9"/></parentDocument></relatedDocument>' +
  '<component><structuredBody>' +
  '<component><section><title>Traitements</title><text>' +
  '<table><caption>À la sortie</caption><thead><tr><th>Médicament</th><th>Posologie</th></tr></thead>' +
  '<tbody><tr><th>LEPONEX</th><td colspan="1">100 mg <content styleCode="Bold">matin</content></td></tr></tbody></table>' +
  '<paragraph>Posologie <content revised="delete">50 mg</content> <content revised="insert">100 mg</content></paragraph>' +
  '<list listType="ordered"><item>Prise de sang</item><item>Consultation</item></list>' +
  '<paragraph><x:script>window.pwned = true</x:script><linkHtml href="javascript:alert(1)">lien</linkHtml></paragraph>' +
  '</text>' +
  '<component><section><title>Sous-section</title><text>Détail</text>' +
  '<component><section><title>Niveau trois</title><text>Plus loin</text>' +
  '<component><section><title>Niveau quatre</title><text>Encore</text>' +
  '<component><section><title>Niveau cinq</title><text>Au fond</text></section></component>' +
  '</section></component></section></component></section></component>' +
  '</section></component></structuredBody></component></ClinicalDocument>';

async function renderCda(language: 'fr' | 'en' = 'fr') {
  const root = parseXmlSafely(CDA).documentElement;
  if (root === null) throw new Error('no root');
  const i18n = await createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <ReadableCda readable={readableCda(root)} />
    </I18nextProvider>,
  );
}

describe('ReadableCda view', () => {
  it('renders sections as headings one level per nesting, deeper than h6 through aria-level', async () => {
    await renderCda();
    expect(screen.getByRole('heading', { level: 3, name: 'Traitements' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 4, name: 'Sous-section' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 6, name: 'Niveau quatre' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 7, name: 'Niveau cinq' })).toBeTruthy();
    // Each section is a region named by its heading, nested as in the document.
    const outer = screen.getByRole('region', { name: 'Traitements' });
    expect(within(outer).getByRole('region', { name: 'Sous-section' })).toBeTruthy();
  });

  it('renders the table with its caption, column and row headers', async () => {
    await renderCda();
    const table = screen.getByRole('table', { name: 'À la sortie' });
    const columns = within(table).getAllByRole('columnheader');
    expect(columns.map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Médicament', 'col'],
      ['Posologie', 'col'],
    ]);
    expect(within(table).getByRole('rowheader', { name: 'LEPONEX' }).getAttribute('scope')).toBe('row');
    const cell = within(table).getByRole('cell', { name: '100 mg matin' });
    expect(cell.hasAttribute('colspan')).toBe(false);
    expect(within(cell).getByText('matin').tagName).toBe('STRONG');
    // A revision stays visible as such, not silently applied.
    expect(screen.getByText('50 mg').tagName).toBe('DEL');
    expect(screen.getByText('100 mg', { selector: 'ins' })).toBeTruthy();
  });

  it('renders the ordered list and its items', async () => {
    await renderCda();
    const list = screen.getByRole('list');
    expect(list.tagName).toBe('OL');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Prise de sang', 'Consultation']);
  });

  it('never creates a script, an event handler or a link from the document', async () => {
    const { container } = await renderCda();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.innerHTML).not.toMatch(/javascript:|on[a-z]+=/i);
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
    // The script's text is shown as text, harmless.
    expect(screen.getByText(/window\.pwned = true/)).toBeTruthy();
  });

  it('shows the header facts with labels in the chosen language', async () => {
    const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    await renderCda('en');
    expect(fact('Patient')).toBe('ANNE MARTIN');
    expect(fact('Author(s)')).toBe('Max LIBRE');
    // The time as the author wrote it (wall clock, no zone conversion).
    expect(fact('Date')).toMatch(/05\/01\/2024.*14:30/);
    cleanup();
    await renderCda('fr');
    expect(fact('Date')).toMatch(/05\/01\/2024.*14:30/);
    expect(fact('Né(e) le')).toBe('29/02/1980');
    // No display name in the CDA: the HL7 code's name, translated.
    expect(fact('Confidentialité')).toBe('Restreinte');
    expect(fact('Document lié')).toBe('Remplace 1.2.3.9');
  });
});
