import { describe, expect, it } from 'vitest';
import { mergeTranslationTrees, TRANSLATIONS, type TranslationTree } from '../../../renderer/src/i18n/resources';

const leaves = (tree: TranslationTree, path = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (typeof value === 'string') out.set(here, value);
    else for (const [k, v] of leaves(value, here)) out.set(k, v);
  }
  return out;
};

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('translations', () => {
  const fr = leaves(TRANSLATIONS.fr);
  const en = leaves(TRANSLATIONS.en);

  it('French and English have exactly the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
    expect(fr.size).toBeGreaterThan(20);
  });

  it('no string is empty and interpolations match across languages', () => {
    for (const [key, text] of fr) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('merging refuses a key defined twice', () => {
    expect(() => mergeTranslationTrees([{ a: { b: 'x' } }, { a: { b: 'y' } }])).toThrow(
      /duplicate translation key a\.b/,
    );
    expect(() => mergeTranslationTrees([{ a: 'x' }, { a: { b: 'y' } }])).toThrow(/both a leaf and a branch/);
    expect(mergeTranslationTrees([{ a: { b: 'x' } }, { a: { c: 'y' } }])).toEqual({ a: { b: 'x', c: 'y' } });
  });
});
