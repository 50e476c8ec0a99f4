import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSLATIONS, type TranslationTree } from '../../../renderer/src/i18n/resources';

/**
 * Every key the screens ask for exists in French and in English. i18next shows a missing key as
 * the key itself ("documents.deposit.title"), which no clinic user should ever read; the
 * translations test only compares the two languages with each other, this one walks the source.
 */
const RENDERER_SOURCE = join(import.meta.dirname, '../../../renderer/src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface KeyUse {
  readonly key: string;
  readonly file: string;
}

/** `t('a.b')` and `t("a.b")`: a full key. */
const LITERAL_CALL = /\bt\(\s*(['"])([A-Za-z0-9_.-]+)\1/g;
/** `t(\`a.b.${x}\`)`: the static part before the first interpolation names a branch. */
const TEMPLATE_CALL = /\bt\(\s*`([A-Za-z0-9_.-]*)\$\{/g;

function uses(pattern: RegExp, group: number): KeyUse[] {
  return sourceFiles(RENDERER_SOURCE).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(pattern)].map((match) => ({
      key: match[group] ?? '',
      file: relative(RENDERER_SOURCE, path),
    }));
  });
}

function lookup(tree: TranslationTree, key: string): string | TranslationTree | undefined {
  let node: string | TranslationTree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

/** A leaf, or the plural forms i18next picks from (`key_one`, `key_other`). */
function hasLeaf(tree: TranslationTree, key: string): boolean {
  if (typeof lookup(tree, key) === 'string') return true;
  return typeof lookup(tree, `${key}_other`) === 'string';
}

/** The branch a template key starts in: `a.b.` must be a branch holding at least one leaf. */
function hasBranch(tree: TranslationTree, prefix: string): boolean {
  const path = prefix.replace(/\.$/, '');
  const node = path === '' ? tree : lookup(tree, path);
  return node !== undefined && typeof node !== 'string' && Object.keys(node).length > 0;
}

describe('translation keys used by the screens', () => {
  const literal = uses(LITERAL_CALL, 2);
  const templates = uses(TEMPLATE_CALL, 1);

  it('finds the keys it checks (the scan itself works)', () => {
    expect(literal.length).toBeGreaterThan(200);
    expect(templates.length).toBeGreaterThan(10);
    expect(literal.some((use) => use.key === 'errors.title')).toBe(true);
  });

  it.each(['fr', 'en'] as const)('every literal key exists in %s', (language) => {
    const missing = literal.filter((use) => !hasLeaf(TRANSLATIONS[language], use.key));
    expect(missing.map((use) => `${use.file}: ${use.key}`)).toEqual([]);
  });

  it.each(['fr', 'en'] as const)('every interpolated key starts in an existing branch in %s', (language) => {
    const missing = templates.filter((use) => use.key.endsWith('.') && !hasBranch(TRANSLATIONS[language], use.key));
    expect(missing.map((use) => `${use.file}: ${use.key}`)).toEqual([]);
  });

  it('catches a key that is not there', () => {
    expect(hasLeaf(TRANSLATIONS.fr, 'errors.title')).toBe(true);
    expect(hasLeaf(TRANSLATIONS.fr, 'errors.noSuchKeyAnywhere')).toBe(false);
    expect(hasBranch(TRANSLATIONS.fr, 'documents.status.')).toBe(true);
    expect(hasBranch(TRANSLATIONS.fr, 'documents.noSuchBranch.')).toBe(false);
  });
});
