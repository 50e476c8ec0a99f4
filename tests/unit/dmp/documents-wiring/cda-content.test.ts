import { describe, expect, it } from 'vitest';
import { buildCdaN1 } from '../../../../main/dmp/cda';
import { displayableContent } from '../../../../main/dmp/documents/cda-content';
import { cdaInput, PDF } from '../../dmp/documents/fixtures';

describe('displayableContent', () => {
  it('extracts the PDF embedded in an N1 CDA, byte for byte', () => {
    const cda = buildCdaN1(cdaInput());
    const shown = displayableContent(Buffer.from(cda.xml, 'utf8'));
    expect(shown.mediaType).toBe('application/pdf');
    expect(shown).toEqual({ mediaType: 'application/pdf', contentBase64: Buffer.from(PDF).toString('base64') });
  });

  it('extracts embedded plain text', () => {
    const cda = buildCdaN1(cdaInput({ body: { mediaType: 'text/plain', content: Buffer.from('Bonjour') } }));
    expect(displayableContent(Buffer.from(cda.xml))).toEqual({
      mediaType: 'text/plain',
      contentBase64: Buffer.from('Bonjour').toString('base64'),
    });
  });

  it('shows a structured CDA as a readable tree, never as XML', () => {
    const xml = '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody/></component></ClinicalDocument>';
    const shown = displayableContent(Buffer.from(xml));
    expect(shown.mediaType).toBe('application/hl7-cda+xml');
    expect(shown).not.toHaveProperty('contentBase64');
  });

  it('refuses a DOCTYPE (entity expansion) with a typed error', () => {
    const xml =
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><ClinicalDocument xmlns="urn:hl7-org:v3"><title>&a;</title></ClinicalDocument>';
    expect(() => displayableContent(Buffer.from(xml))).toThrow(expect.objectContaining({ code: 'XML_HOSTILE' }));
  });

  it('refuses what is not a CDA, or a body that is not base64 of an allowed type', () => {
    expect(() => displayableContent(Buffer.from('<html/>'))).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }),
    );
    const badBase64 = buildCdaN1(cdaInput()).xml.replace(/representation="B64">[^<]{4}/, 'representation="B64">$$$$');
    expect(() => displayableContent(Buffer.from(badBase64))).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE' }),
    );
    const html = buildCdaN1(cdaInput()).xml.replace('mediaType="application/pdf"', 'mediaType="text/html"');
    expect(() => displayableContent(Buffer.from(html))).toThrow(
      expect.objectContaining({ code: 'DOC_INVALID_RESPONSE', details: { reason: 'media_type' } }),
    );
  });
});
