import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { NS, parseXmlSafely, selectElements, selectText } from '../../../main/xml';
import { vectorsPath } from '../../support/vectors';

const key = (limit: 'depth' | 'elements' | 'attributes') =>
  limit === 'depth' ? 'maxDepth' : limit === 'elements' ? 'maxElements' : 'maxAttributes';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseXmlSafely', () => {
  it('parses a namespaced document and resolves names by namespace, not by prefix', () => {
    const doc = parseXmlSafely(
      '<a:Envelope xmlns:a="http://www.w3.org/2003/05/soap-envelope"><a:Body><x:v xmlns:x="urn:hl7-org:v3" code="OK">  hi </x:v></a:Body></a:Envelope>',
    );
    expect(doc.documentElement.namespaceURI).toBe(NS.soap12);
    expect(selectText(doc, '/soap12:Envelope/soap12:Body/hl7:v')).toBe('hi');
    expect(selectText(doc, '//hl7:v/@code')).toBe('OK');
    expect(selectElements(doc, '//hl7:missing')).toEqual([]);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseXmlSafely('\ufeff<?xml version="1.0" encoding="UTF-8"?><r>é</r>').documentElement.textContent).toBe(
      'é',
    );
  });

  it('refuses an external entity (XXE) before parsing', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(codeOf(() => parseXmlSafely(xxe))).toBe('XML_HOSTILE');
  });

  it('refuses entity expansion (billion laughs)', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';
    expect(codeOf(() => parseXmlSafely(laughs))).toBe('XML_HOSTILE');
  });

  it('refuses an external DTD, whatever the spacing or case', () => {
    expect(codeOf(() => parseXmlSafely('<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd"><r/>'))).toBe('XML_HOSTILE');
    expect(codeOf(() => parseXmlSafely('<?xml version="1.0"?>\n<! doctype r PUBLIC "a" "b"><r/>'))).toBe('XML_HOSTILE');
  });

  it('refuses a document over the size cap, counting bytes not characters', () => {
    expect(codeOf(() => parseXmlSafely(`<r>${'a'.repeat(2000)}</r>`, { maxBytes: 1000 }))).toBe('XML_TOO_LARGE');
    // 600 characters but 1200 bytes in UTF-8.
    expect(codeOf(() => parseXmlSafely(`<r>${'é'.repeat(600)}</r>`, { maxBytes: 1000 }))).toBe('XML_TOO_LARGE');
    expect(parseXmlSafely(`<r>${'a'.repeat(900)}</r>`, { maxBytes: 1000 }).documentElement.localName).toBe('r');
  });

  it('refuses a 20 MB depth bomb before the DOM is built, and still parses afterwards', () => {
    const depth = 1_000_000;
    const bomb = `<r>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</r>`;
    let caught: unknown;
    try {
      parseXmlSafely(bomb, { maxBytes: 32 * 1024 * 1024 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'XML_TOO_COMPLEX', details: { limit: 'depth' } });
    expect(parseXmlSafely('<r><a/></r>').documentElement.localName).toBe('r');
  });

  it.each([
    ['depth', '<r><a><b></b></a></r>', { maxDepth: 2, maxElements: 100, maxAttributes: 100 }],
    ['elements', '<r><a/><a/><a/></r>', { maxDepth: 10, maxElements: 3, maxAttributes: 100 }],
    ['attributes', '<r a="1"><s b="2" c=\'3\'/></r>', { maxDepth: 10, maxElements: 10, maxAttributes: 2 }],
  ] as const)('refuses too many %s with XML_TOO_COMPLEX', (limit, text, limits) => {
    let caught: unknown;
    try {
      parseXmlSafely(text, { limits });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'XML_TOO_COMPLEX', details: { limit } });
    // One more of that budget and the same text parses.
    const roomier = { ...limits, [key(limit)]: limits[key(limit)] + 1 };
    expect(parseXmlSafely(text, { limits: roomier }).documentElement.localName).toBe('r');
  });

  it.each([
    ['unclosed element', '<r><a></r>'],
    ['two roots', '<r/><s/>'],
    ['empty text', ''],
    ['not xml', 'HTTP/1.1 500 oops'],
    ['undeclared prefix', '<x:r/>'],
    ['unquoted attribute', '<r a=1/>'],
    ['attribute without value', '<r a/>'],
    ['duplicate attribute', '<r a="1" a="2"/>'],
    ['undefined entity', '<r>&nope;</r>'],
  ])('refuses malformed XML: %s', (_label, text) => {
    expect(codeOf(() => parseXmlSafely(text))).toBe('XML_MALFORMED');
  });

  it('parses every official DMP message example', async () => {
    const doc = parseXmlSafely(
      await readFile(vectorsPath('dmp-messages', 'TD0.2_-_Test_dexistence_response.xml'), 'utf8'),
    );
    expect(selectText(doc, '//hl7:queryAck/hl7:queryResponseCode/@code')).toBe('OK');
  });
});

describe('every official example', () => {
  it.each(['dmp-messages', 'dmp-messages-vihf', 'insi-responses'])(
    'in %s parses (MTOM multipart aside)',
    async (dir) => {
      const { readdir } = await import('node:fs/promises');
      const files = (await readdir(vectorsPath(dir))).filter((name) => name.endsWith('.xml'));
      expect(files.length).toBeGreaterThan(2);
      for (const name of files) {
        const text = await readFile(vectorsPath(dir, name), 'utf8');
        if (text.startsWith('--')) continue; // a MIME multipart (MTOM) message, not XML
        expect(() => parseXmlSafely(text), name).not.toThrow();
      }
    },
  );
});
