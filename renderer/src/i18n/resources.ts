import { LANGUAGES, type Language } from '../../../shared/api';

/**
 * Translations are split by feature (`locales/<lang>/<feature>.json`) so each feature owns its
 * strings; they are deep-merged into one tree here. Two files defining the same leaf is a bug
 * (one would silently win), so it throws.
 */
type Tree = { [key: string]: string | Tree };

const files: Record<string, Record<string, unknown>> = import.meta.glob('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

export function mergeTranslationTrees(trees: readonly Tree[], source = 'locales'): Tree {
  const merged: Tree = {};
  const visit = (target: Tree, tree: Tree, path: string): void => {
    for (const [key, value] of Object.entries(tree)) {
      const here = path === '' ? key : `${path}.${key}`;
      const existing = target[key];
      if (typeof value === 'string') {
        if (existing !== undefined) throw new Error(`duplicate translation key ${here} in ${source}`);
        target[key] = value;
      } else {
        if (typeof existing === 'string') throw new Error(`translation key ${here} is both a leaf and a branch`);
        const branch: Tree = existing ?? {};
        target[key] = branch;
        visit(branch, value, here);
      }
    }
  };
  for (const tree of trees) visit(merged, tree, '');
  return merged;
}

function treesFor(language: Language): Tree[] {
  return Object.entries(files)
    .filter(([path]) => path.startsWith(`./locales/${language}/`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, tree]) => tree as Tree);
}

export const TRANSLATIONS: Readonly<Record<Language, Tree>> = Object.fromEntries(
  LANGUAGES.map((language) => [language, mergeTranslationTrees(treesFor(language), language)]),
) as Record<Language, Tree>;

export type { Tree as TranslationTree };
