import { describe, expect, it } from 'vitest';
import { parseUntrustedXml, UnsafeXmlError, xmlEscape } from '../../../../simulators/xml/safe-xml';

const reasonOf = (text: string, max?: number): string => {
  try {
    parseUntrustedXml(text, max);
    return 'parsed';
  } catch (error) {
    return error instanceof UnsafeXmlError ? error.reason : 'crash';
  }
};

describe('parseUntrustedXml', () => {
  it('parses a namespaced document', () => {
    const document = parseUntrustedXml('<a:x xmlns:a="urn:a"><a:y>1</a:y></a:x>');
    expect(document.documentElement?.namespaceURI).toBe('urn:a');
  });

  it('refuses any DOCTYPE or ENTITY, whatever the case, before parsing', () => {
    expect(reasonOf('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')).toBe('doctype');
    expect(reasonOf('<!doctype x><x/>')).toBe('doctype');
    expect(reasonOf('<x><!ENTITY e "v"></x>')).toBe('doctype');
  });

  it('refuses oversized, empty and malformed input with a reason, never a crash', () => {
    expect(reasonOf(`<x>${'a'.repeat(100)}</x>`, 50)).toBe('too_large');
    expect(reasonOf('   ')).toBe('empty');
    expect(reasonOf('<x><y></x>')).toBe('malformed');
    expect(reasonOf('not xml at all')).toBe('malformed');
    expect(reasonOf('<x>&undefined;</x>')).toBe('malformed');
  });

  it('counts the cap in bytes, not characters', () => {
    expect(reasonOf(`<x>${'é'.repeat(30)}</x>`, 40)).toBe('too_large');
  });
});

it('escapes markup in text and attributes', () => {
  expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
});
