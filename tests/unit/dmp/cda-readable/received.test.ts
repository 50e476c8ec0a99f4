import { describe, expect, it } from 'vitest';
import { clinicalDocumentOf, parseReceivedCda } from '../../../../main/dmp/cda/received';
import { displayableContent } from '../../../../main/dmp/documents/cda-content';
import { selectText } from '../../../../main/xml';

const XSL = 'http://www.w3.org/1999/XSL/Transform';

const cda = (title: string): string =>
  `<c:ClinicalDocument xmlns:c="urn:hl7-org:v3"><c:id root="1.2.3"/><c:title>${title}</c:title>` +
  '<c:component><c:structuredBody><c:component><c:section><c:title>S</c:title><c:text>Texte</c:text>' +
  '</c:section></c:component></c:structuredBody></c:component></c:ClinicalDocument>';

const stylesheet = (inner: string, root = 'xsl:stylesheet'): Buffer =>
  Buffer.from(
    `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="#"?>` +
      `<${root} version="1.0" xmlns:xsl="${XSL}" xmlns:data="urn:asip-sante:ci-sis">${inner}</${root}>`,
    'utf8',
  );

const refused = (bytes: Buffer, reason: string) =>
  expect(() => parseReceivedCda(bytes)).toThrow(
    expect.objectContaining({ code: 'DOC_INVALID_RESPONSE', details: { reason } }),
  );

const titleOf = (bytes: Buffer) => selectText(parseReceivedCda(bytes), 'hl7:title');

describe('received CDA: plain or auto-présentable', () => {
  it('takes a plain ClinicalDocument root as it is', () => {
    expect(titleOf(Buffer.from(cda('Plain')))).toBe('Plain');
  });

  it('finds the ClinicalDocument of the ANS form (stylesheet / data:Contenu / ClinicalDocument)', () => {
    const bytes = stylesheet(`<data:Contenu>${cda('Inside')}</data:Contenu><xsl:template match="/"/>`);
    expect(titleOf(bytes)).toBe('Inside');
    const shown = displayableContent(bytes);
    expect(shown).toMatchObject({ mediaType: 'application/hl7-cda+xml', readable: { header: { title: 'Inside' } } });
  });

  it('accepts the ClinicalDocument as a top-level element, and xsl:transform as the root', () => {
    expect(titleOf(stylesheet(cda('Top')))).toBe('Top');
    expect(titleOf(stylesheet(`<data:Contenu>${cda('T')}</data:Contenu>`, 'xsl:transform'))).toBe('T');
  });

  it('never takes what the stylesheet itself would produce', () => {
    // A template's literal result element is stylesheet code: the data is the one shown.
    const bytes = stylesheet(
      `<xsl:template match="/">${cda('FROM XSLT')}</xsl:template><data:Contenu>${cda('Data')}</data:Contenu>`,
    );
    expect(titleOf(bytes)).toBe('Data');
    refused(stylesheet(`<xsl:template match="/">${cda('Only code')}</xsl:template>`), 'stylesheet_without_cda');
    refused(stylesheet(`<xsl:variable name="v">${cda('Var')}</xsl:variable>`), 'stylesheet_without_cda');
  });

  it('refuses a stylesheet with two ClinicalDocuments, wherever they sit', () => {
    refused(stylesheet(`<data:Contenu>${cda('A')}${cda('B')}</data:Contenu>`), 'stylesheet_many_cda');
    refused(stylesheet(`<data:Contenu>${cda('A')}</data:Contenu>${cda('B')}`), 'stylesheet_many_cda');
    refused(
      stylesheet(`<data:Contenu>${cda('A')}</data:Contenu><data:Contenu>${cda('B')}</data:Contenu>`),
      'stylesheet_many_cda',
    );
  });

  it('refuses a stylesheet without a ClinicalDocument, or with one nested too deep', () => {
    refused(stylesheet('<data:Contenu><data:Autre/></data:Contenu>'), 'stylesheet_without_cda');
    refused(
      stylesheet(`<data:Contenu><data:Niveau>${cda('Deep')}</data:Niveau></data:Contenu>`),
      'stylesheet_without_cda',
    );
    // A ClinicalDocument outside the HL7 v3 namespace is not one.
    refused(
      stylesheet('<data:Contenu><ClinicalDocument><title>x</title></ClinicalDocument></data:Contenu>'),
      'stylesheet_without_cda',
    );
  });

  it('refuses other roots, a stylesheet-like root outside the XSLT namespace included', () => {
    refused(Buffer.from(`<stylesheet>${cda('x')}</stylesheet>`), 'not_cda');
    refused(Buffer.from(`<x:stylesheet xmlns:x="urn:not-xslt">${cda('x')}</x:stylesheet>`), 'not_cda');
    refused(Buffer.from('<html><body/></html>'), 'not_cda');
    expect(() => clinicalDocumentOf(null)).toThrow(expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }));
  });

  it('keeps the raw-text depth pre-scan in front of the wrapper', () => {
    const bomb = `<data:Contenu>${'<data:n>'.repeat(5000)}${'</data:n>'.repeat(5000)}${cda('x')}</data:Contenu>`;
    expect(() => parseReceivedCda(stylesheet(bomb))).toThrow(expect.objectContaining({ code: 'DOC_CDA_TOO_COMPLEX' }));
  });

  it.each([
    ['depth', `<c:n>`.repeat(65) + '</c:n>'.repeat(65)],
    ['elements', '<c:br/>'.repeat(200_001)],
    ['attributes', '<c:br a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8"/>'.repeat(100_001)],
  ])('refuses too many %s on the raw text with DOC_CDA_TOO_COMPLEX, then reads a sound document', (limit, filler) => {
    const hostile = Buffer.from(cda('x').replace('<c:text>Texte</c:text>', `<c:text>${filler}</c:text>`));
    expect(() => parseReceivedCda(hostile)).toThrow(
      expect.objectContaining({ code: 'DOC_CDA_TOO_COMPLEX', details: { limit } }),
    );
    expect(titleOf(Buffer.from(cda('Sound')))).toBe('Sound');
  });
});
