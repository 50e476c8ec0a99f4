import { describe, expect, it } from 'vitest';
import { assertNestingWithin } from '../../../../main/dmp/cda/readable/prescan';

const refused = (text: string, maxDepth: number) =>
  expect(() => assertNestingWithin(text, maxDepth)).toThrow(
    expect.objectContaining({ code: 'DOC_CDA_TOO_COMPLEX', details: { limit: 'depth' } }),
  );
const accepted = (text: string, maxDepth: number) => expect(() => assertNestingWithin(text, maxDepth)).not.toThrow();

describe('nesting pre-scan on the raw text', () => {
  it('counts start tags, not self-closing or end tags', () => {
    const three = '<?xml version="1.0"?><a><b><c/><c></c><c x="1"/></b><b><c>t</c></b></a>';
    accepted(three, 3);
    refused(three, 2);
  });

  it('does not count markup inside comments, CDATA, processing instructions or attribute values', () => {
    const one = '<a><!-- <b><c><d> --><![CDATA[<b><c><d>]]><?pi <b><c>?>' + '<x href="a>b<c" t=\'>\'/><y a="/"/></a>';
    accepted(one, 2);
    refused('<a><b><c/></b></a>', 1);
  });

  it('refuses a depth bomb before any parser sees it', () => {
    const depth = 200_000;
    refused(`<a>${'<content>'.repeat(depth)}x${'</content>'.repeat(depth)}</a>`, 64);
  });

  it('leaves malformed text to the parser', () => {
    accepted('<a><b', 1);
    accepted('<a><!-- never closed', 1);
    accepted('<a x="never closed><b><c><d>', 1);
  });
});
