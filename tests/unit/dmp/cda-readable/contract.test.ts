import { describe, expect, it } from 'vitest';
import { RetrievedContentSchema } from '../../../../shared/api/documents';
import { READABLE_CDA_LIMITS } from '../../../../shared/api/readable-cda';

/** The router checks every answer against the contract: it is the last guard before the renderer. */
const header = {
  title: null,
  type: null,
  effectiveTime: null,
  authors: [],
  custodian: null,
  legalAuthenticator: null,
  patient: { birthFamily: null, usedFamily: null, givenNames: null, birthTime: null },
  confidentiality: null,
  setId: null,
  version: null,
  relatedDocuments: [],
};
const answer = (narrative: unknown[]) => ({
  mediaType: 'application/hl7-cda+xml',
  readable: { header, sections: [{ title: 'S', code: null, narrative, sections: [] }] },
});

describe('documents.retrieve answer contract', () => {
  it('accepts a readable tree, and no raw XML any more', () => {
    expect(RetrievedContentSchema.safeParse(answer([{ type: 'break' }])).success).toBe(true);
    expect(RetrievedContentSchema.safeParse({ mediaType: 'text/xml', contentBase64: 'PGEvPg==' }).success).toBe(false);
    expect(RetrievedContentSchema.safeParse({ mediaType: 'application/hl7-cda+xml', contentBase64: 'x' }).success).toBe(
      false,
    );
  });

  it('refuses a link target that is not http(s), an unknown node, extra fields and spans out of bounds', () => {
    const refused = (node: unknown) => expect(RetrievedContentSchema.safeParse(answer([node])).success).toBe(false);
    refused({ type: 'link', text: 'x', href: 'javascript:alert(1)' });
    refused({ type: 'html', text: '<script>' });
    refused({ type: 'text', text: 'x', marks: [], onclick: 'steal()' });
    refused({ type: 'text', text: 'x', marks: ['blink'] });
    const cell = { header: false, colspan: READABLE_CDA_LIMITS.maxSpan + 1, rowspan: 1, children: [] };
    refused({ type: 'table', caption: [], head: [], bodies: [[{ cells: [cell] }]], foot: [] });
  });

  it('refuses a malformed time in the header', () => {
    const bad = { ...answer([]), readable: { header: { ...header, effectiveTime: '<b>2024</b>' }, sections: [] } };
    expect(RetrievedContentSchema.safeParse(bad).success).toBe(false);
  });
});
