import { describe, expect, it } from 'vitest';
import { exceededXmlLimit, type XmlComplexityLimits } from '../../../shared/xml/complexity';

const roomy: XmlComplexityLimits = { maxDepth: 100, maxElements: 100, maxAttributes: 100 };

describe('XML complexity prescan', () => {
  it('counts depth on start tags only, not self-closing or end tags', () => {
    const three = '<?xml version="1.0"?><a><b><c/><c></c><c x="1"/></b><b><c>t</c></b></a>';
    expect(exceededXmlLimit(three, { ...roomy, maxDepth: 3 })).toBeUndefined();
    expect(exceededXmlLimit(three, { ...roomy, maxDepth: 2 })).toBe('depth');
  });

  it('counts every start tag as an element and every quoted value as an attribute', () => {
    const text = '<a xmlns="urn:x" k=\'v\'><b c="1" d="2"/><b/></a>';
    expect(exceededXmlLimit(text, { ...roomy, maxElements: 3, maxAttributes: 4 })).toBeUndefined();
    expect(exceededXmlLimit(text, { ...roomy, maxElements: 2 })).toBe('elements');
    expect(exceededXmlLimit(text, { ...roomy, maxAttributes: 3 })).toBe('attributes');
  });

  it('ignores markup inside comments, CDATA, processing instructions and attribute values', () => {
    const one = '<a><!-- <b><c><d> --><![CDATA[<b><c><d>]]><?pi <b><c>?><x href="a>b<c" t=\'>\'/></a>';
    expect(exceededXmlLimit(one, { ...roomy, maxDepth: 1, maxElements: 2 })).toBeUndefined();
  });

  it('leaves malformed text to the parser', () => {
    const tight = { maxDepth: 1, maxElements: 1, maxAttributes: 0 };
    expect(exceededXmlLimit('<a><!-- never closed', tight)).toBeUndefined();
    expect(exceededXmlLimit('<a x="never closed><b><c><d>', tight)).toBeUndefined();
  });

  it('measures a million-deep chain in one linear pass', () => {
    const depth = 1_000_000;
    expect(
      exceededXmlLimit(`${'<c>'.repeat(depth)}${'</c>'.repeat(depth)}`, {
        maxDepth: 256,
        maxElements: 10 * depth,
        maxAttributes: 0,
      }),
    ).toBe('depth');
  });
});
