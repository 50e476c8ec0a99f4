import { describe, expect, it } from 'vitest';
import { readableCda } from '../../../../main/dmp/cda/readable';
import { displayableContent } from '../../../../main/dmp/documents/cda-content';
import { parseXmlSafely } from '../../../../main/xml';
import { READABLE_CDA_LIMITS, ReadableCdaSchema, type ReadableCda } from '../../../../shared/api/readable-cda';
import { RetrievedContentSchema } from '../../../../shared/api/documents';

const HEADER =
  '<title>Synthèse</title><effectiveTime value="20240105143000+0100"/>' +
  '<confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25" displayName="Normal"/>' +
  '<setId root="1.2.3.4"/><versionNumber value="2"/>' +
  '<recordTarget><patientRole><patient><name><family qualifier="BR">MARTIN</family><given>ANNE MARIE</given>' +
  '<given qualifier="BR">ANNE</given><family qualifier="CL">DURAND</family></name><birthTime value="19800229"/>' +
  '</patient></patientRole></recordTarget>' +
  '<author><assignedAuthor><assignedPerson><name><prefix>DR</prefix><given>Max</given><family>LIBRE</family></name>' +
  '</assignedPerson><representedOrganization><name>Cabinet Libre</name></representedOrganization></assignedAuthor></author>' +
  '<custodian><assignedCustodian><representedCustodianOrganization><name>Clinique</name>' +
  '</representedCustodianOrganization></assignedCustodian></custodian>' +
  '<relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.3.4.1"/></parentDocument></relatedDocument>';

function cda(sections: string, header = HEADER): string {
  return (
    `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:x="http://www.w3.org/1999/xhtml">${header}` +
    `<component><structuredBody>${sections}</structuredBody></component></ClinicalDocument>`
  );
}

const section = (text: string, title = 'Section', inner = ''): string =>
  `<component><section><code code="X" displayName="Code X"/><title>${title}</title><text>${text}</text>${inner}</section></component>`;

function convert(xml: string): ReadableCda {
  const root = parseXmlSafely(xml).documentElement;
  if (root === null) throw new Error('no root');
  const readable = readableCda(root);
  // Whatever main builds, the router lets through: the contract and the converter agree on bounds.
  expect(ReadableCdaSchema.safeParse(readable).success).toBe(true);
  return readable;
}

const narrativeOf = (xml: string) => convert(cda(section(xml))).sections[0]?.narrative;

describe('readable CDA: header', () => {
  it('keeps the facts a reader checks, as written in the CDA', () => {
    const { header } = convert(cda(section('Texte')));
    expect(header).toEqual({
      title: 'Synthèse',
      type: null,
      effectiveTime: '20240105143000+0100',
      authors: [{ name: 'Max LIBRE', organization: 'Cabinet Libre' }],
      custodian: 'Clinique',
      legalAuthenticator: null,
      patient: { birthFamily: 'MARTIN', usedFamily: 'DURAND', givenNames: 'ANNE MARIE', birthTime: '19800229' },
      confidentiality: { code: 'N', displayName: 'Normal' },
      setId: '1.2.3.4',
      version: '2',
      relatedDocuments: [{ typeCode: 'RPLC', id: '1.2.3.4.1' }],
    });
  });

  it('drops a malformed time rather than passing it on', () => {
    const header = convert(cda(section('x'), '<effectiveTime value="2024-01-05T10:00"/>')).header;
    expect(header.effectiveTime).toBeNull();
    expect(header.title).toBeNull();
  });
});

describe('readable CDA: narrative block', () => {
  it('maps paragraphs, styled content, breaks, sub/sup and collapses layout whitespace', () => {
    expect(
      narrativeOf(
        '<paragraph><caption>Note</caption>Tension\n   <content styleCode="Bold Italics">élevée</content>' +
          '<br/>H<sub>2</sub>O, m<sup>2</sup></paragraph>',
      ),
    ).toEqual([
      {
        type: 'paragraph',
        caption: [{ type: 'text', text: 'Note', marks: [] }],
        children: [
          { type: 'text', text: 'Tension ', marks: [] },
          { type: 'text', text: 'élevée', marks: ['bold', 'italic'] },
          { type: 'break' },
          { type: 'text', text: 'H', marks: [] },
          { type: 'text', text: '2', marks: ['sub'] },
          { type: 'text', text: 'O, m', marks: [] },
          { type: 'text', text: '2', marks: ['sup'] },
        ],
      },
    ]);
  });

  it('maps tables with head, bodies, spans and header cells', () => {
    const [table] =
      narrativeOf(
        '<table><caption>Bilan</caption><thead><tr><th colspan="2">Examen</th></tr></thead>' +
          '<tbody><tr><th rowspan="2">NFS</th><td styleCode="Underline">normale</td></tr><tr><td>ok</td></tr></tbody>' +
          '<tbody><tr><td colspan="abc">x</td></tr></tbody></table>',
      ) ?? [];
    expect(table).toMatchObject({
      type: 'table',
      caption: [{ type: 'text', text: 'Bilan' }],
      head: [{ cells: [{ header: true, colspan: 2, rowspan: 1 }] }],
      bodies: [
        [
          {
            cells: [
              { header: true, rowspan: 2, children: [{ text: 'NFS' }] },
              { header: false, children: [{ text: 'normale', marks: ['underline'] }] },
            ],
          },
          { cells: [{ header: false }] },
        ],
        [{ cells: [{ colspan: 1 }] }],
      ],
      foot: [],
    });
  });

  it('maps ordered and unordered lists with their items', () => {
    const nodes = narrativeOf(
      '<list listType="ordered"><caption>Étapes</caption><item>un</item><item><paragraph>deux</paragraph></item></list>' +
        '<list><item>a</item></list>',
    );
    expect(nodes).toEqual([
      {
        type: 'list',
        ordered: true,
        caption: [{ type: 'text', text: 'Étapes', marks: [] }],
        items: [
          [{ type: 'text', text: 'un', marks: [] }],
          [{ type: 'paragraph', caption: [], children: [{ type: 'text', text: 'deux', marks: [] }] }],
        ],
      },
      { type: 'list', ordered: false, caption: [], items: [[{ type: 'text', text: 'a', marks: [] }]] },
    ]);
  });

  it('names the observationMedia of a renderMultiMedia, never carrying its bytes', () => {
    const xml = cda(
      '<component><section><title>Imagerie</title><text><renderMultiMedia referencedObject="img1 nowhere">' +
        '<caption>Radio</caption></renderMultiMedia></text><entry><observationMedia ID="img1">' +
        '<value mediaType="image/jpeg" representation="B64">/9j/AAAA</value></observationMedia></entry></section></component>',
    );
    const [media] = convert(xml).sections[0]?.narrative ?? [];
    expect(media).toEqual({
      type: 'media',
      objects: [
        { id: 'img1', mediaType: 'image/jpeg' },
        { id: 'nowhere', mediaType: null },
      ],
      caption: [{ type: 'text', text: 'Radio', marks: [] }],
    });
    expect(JSON.stringify(media)).not.toContain('/9j/');
  });

  it('keeps nested sections and leaves coded entries out', () => {
    const xml = cda(
      section(
        'Parent',
        'Antécédents',
        `${section('Enfant', 'Chirurgicaux')}<entry><observation><value xsi:type="ST" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">CODED-ONLY</value></observation></entry>`,
      ),
    );
    const readable = convert(xml);
    expect(readable.sections).toHaveLength(1);
    expect(readable.sections[0]).toMatchObject({
      title: 'Antécédents',
      code: { code: 'X', displayName: 'Code X' },
      sections: [{ title: 'Chirurgicaux', narrative: [{ type: 'text', text: 'Enfant' }], sections: [] }],
    });
    expect(JSON.stringify(readable)).not.toContain('CODED-ONLY');
  });

  it('keeps footnotes and marks revised content (inserted, deleted) instead of dropping it', () => {
    expect(
      narrativeOf(
        '<paragraph>Dose <content revised="delete">10 mg</content><content revised="insert">20 mg</content>' +
          '<footnote>selon <content styleCode="Italics">avis</content></footnote></paragraph>',
      ),
    ).toEqual([
      {
        type: 'paragraph',
        caption: [],
        children: [
          { type: 'text', text: 'Dose ', marks: [] },
          { type: 'text', text: '10 mg', marks: ['deleted'] },
          { type: 'text', text: '20 mg', marks: ['inserted'] },
          {
            type: 'footnote',
            children: [
              { type: 'text', text: 'selon ', marks: [] },
              { type: 'text', text: 'avis', marks: ['italic'] },
            ],
          },
        ],
      },
    ]);
  });

  it('keeps the text of elements it does not know, and their text only', () => {
    expect(narrativeOf('<paragraph>avant <unknown attr="z">inconnu</unknown> après</paragraph>')).toEqual([
      { type: 'paragraph', caption: [], children: [{ type: 'text', text: 'avant inconnu après', marks: [] }] },
    ]);
  });

  it('answers a structured CDA through the retrieve contract', () => {
    const shown = displayableContent(Buffer.from(cda(section('<paragraph>Bonjour</paragraph>'))));
    expect(RetrievedContentSchema.parse(shown)).toMatchObject({
      mediaType: 'application/hl7-cda+xml',
      readable: { sections: [{ narrative: [{ type: 'paragraph' }] }] },
    });
  });
});

describe('readable CDA: hostile input', () => {
  it('refuses a DOCTYPE (external entity) before parsing', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      cda(section('&xxe;'));
    expect(() => displayableContent(Buffer.from(xml))).toThrow(expect.objectContaining({ code: 'XML_HOSTILE' }));
  });

  it('turns script elements and event handlers into inert text, markup never survives', () => {
    const readable = convert(
      cda(
        section(
          '<paragraph><x:script>alert(1)</x:script><content onclick="steal()" styleCode="Bold">clic</content>' +
            '<x:img src="x" onerror="steal()"/>&lt;b&gt;pas du gras&lt;/b&gt;</paragraph>',
          '<x:b>Titre</x:b>',
        ),
      ),
    );
    const json = JSON.stringify(readable);
    expect(json).not.toContain('steal');
    expect(json).not.toContain('onclick');
    expect(readable.sections[0]?.title).toBe('Titre');
    expect(readable.sections[0]?.narrative).toEqual([
      {
        type: 'paragraph',
        caption: [],
        children: [
          { type: 'text', text: 'alert(1)', marks: [] },
          { type: 'text', text: 'clic', marks: ['bold'] },
          // Escaped markup in the document is text, and stays text.
          { type: 'text', text: '<b>pas du gras</b>', marks: [] },
        ],
      },
    ]);
  });

  it('keeps link text and only an http(s) target', () => {
    const links = (
      narrativeOf(
        '<linkHtml href="javascript:alert(1)">a</linkHtml><linkHtml href="data:text/html,x">b</linkHtml>' +
          '<linkHtml href="https://esante.gouv.fr/ci-sis">c</linkHtml><linkHtml href=" HTTP://ex.org/p?q=1 ">d</linkHtml>' +
          '<linkHtml href="file:///etc/passwd">e</linkHtml><linkHtml>f</linkHtml>',
      ) ?? []
    ).filter((node) => node.type === 'link');
    expect(links.map((link) => [link.text, link.href])).toEqual([
      ['a', null],
      ['b', null],
      ['c', 'https://esante.gouv.fr/ci-sis'],
      ['d', 'HTTP://ex.org/p?q=1'],
      ['e', null],
      ['f', null],
    ]);
  });

  it('refuses a depth bomb with a typed error', () => {
    const depth = 5_000;
    const xml = cda(section(`${'<content>'.repeat(depth)}x${'</content>'.repeat(depth)}`));
    expect(() => displayableContent(Buffer.from(xml))).toThrow(
      expect.objectContaining({ code: 'DOC_CDA_TOO_COMPLEX', details: { limit: 'depth' } }),
    );
  });

  it('refuses too many elements, too many nodes, too much text and too deep sections', () => {
    const tooMany = (xml: string, limit: string) =>
      expect(() => displayableContent(Buffer.from(xml))).toThrow(
        expect.objectContaining({ code: 'DOC_CDA_TOO_COMPLEX', details: { limit } }),
      );
    tooMany(cda(section('<br/>'.repeat(READABLE_CDA_LIMITS.maxElements + 1))), 'elements');
    tooMany(cda(section('<br/>'.repeat(READABLE_CDA_LIMITS.maxNodes + 1))), 'nodes');
    tooMany(cda(section('a'.repeat(READABLE_CDA_LIMITS.maxTextChars + 1))), 'text');
    const nested = Array.from({ length: READABLE_CDA_LIMITS.maxSectionDepth + 1 }).reduce<string>(
      (inner) => section('t', 's', inner),
      '',
    );
    tooMany(cda(nested), 'sections');
  });

  it('converts a document right under the node bound', () => {
    const wide = READABLE_CDA_LIMITS.maxNodes - 10;
    const nodes = narrativeOf(`<paragraph><x:div>${'<br/>'.repeat(wide)}</x:div></paragraph>`);
    expect(nodes?.[0]?.type === 'paragraph' && nodes[0].children.length).toBe(wide);
  });

  it('says nothing of the document in the error', () => {
    const secret = 'Diabète confidentiel';
    const xml = cda(section(`${'<content>'.repeat(500)}${secret}${'</content>'.repeat(500)}`));
    try {
      displayableContent(Buffer.from(xml));
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain(secret);
      expect(String(error)).not.toContain(secret);
    }
  });
});
