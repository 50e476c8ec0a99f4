import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { Schema, registerCustomXPathFunction } from 'node-schematron';
import { parseXmlDocument, type Document as SlimDocument } from 'slimdom';
import { vectorsPath } from '../../../support/vectors';

/**
 * Runs the ANS schematrons with node-schematron (XPath 3.1 through fontoxpath, so the ANS
 * `queryBinding="xslt2"` expressions work), after the ISO pre-processing node-schematron lacks:
 * includes, abstract rules (`extends`) and abstract patterns (`is-a` + `param`).
 */
const SCH = 'http://purl.oclc.org/dsdl/schematron';

type El = Element;

/**
 * The ANS rules read value sets with XSLT's doc()/document()/doc-available(), relative to the
 * schematron file. fontoxpath has no document loader, so these calls are rewritten to functions
 * that carry the base directory as a first argument.
 */
const FUNCTIONS = 'urn:dmp-desk:schematron';
const documents = new Map<string, SlimDocument | null>();
function readDocument(base: string, href: string): SlimDocument | null {
  const path = resolve(base, href);
  if (!documents.has(path)) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : valueSetFromJdv(path);
    documents.set(path, text === undefined ? null : parseXmlDocument(text));
  }
  return documents.get(path) ?? null;
}

/**
 * Some art-decor value-set exports (`voc-<OID>-DYNAMIC.xml`) are absent from the TestContenuCDA
 * snapshot; the same value set is published by the ANS as an SVS file in jeuxDeValeurs (matched on
 * its OID), so it is rebuilt from there in the art-decor shape the rules read.
 */
let jdvById: Map<string, string> | undefined;
function valueSetFromJdv(path: string): string | undefined {
  const oid = /voc-([\d.]+)-DYNAMIC\.xml$/.exec(path)?.[1];
  if (oid === undefined) return undefined;
  if (jdvById === undefined) {
    jdvById = new Map();
    const dir = vectorsPath('cda', 'jeuxDeValeurs');
    for (const file of readdirSync(dir)) {
      const id = /<ValueSet\b[^>]*\bid="([\d.]+)"/.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
      if (id !== undefined) jdvById.set(id, join(dir, file));
    }
  }
  const file = jdvById.get(oid);
  if (file === undefined) return undefined;
  const concepts = [...readFileSync(file, 'utf8').matchAll(/<Concept\b([^>]*)\/>/g)].map((m) => `<concept${m[1]}/>`);
  return `<valueSets><valueSet id="${oid}"><conceptList>${concepts.join('')}</conceptList></valueSet></valueSets>`;
}
for (const name of ['doc', 'document']) {
  registerCustomXPathFunction(
    { namespaceURI: FUNCTIONS, localName: name },
    ['xs:string', 'xs:string?'],
    'document-node()?',
    (_, base: string, href: string | null) => (href === null ? null : readDocument(base, href)),
  );
}
registerCustomXPathFunction(
  { namespaceURI: FUNCTIONS, localName: 'doc-available' },
  ['xs:string', 'xs:string?'],
  'xs:boolean',
  (_, base: string, href: string | null) => href !== null && readDocument(base, href) !== null,
);
/** fontoxpath has no resolve-QName: QNames are compared as `{namespace}local` strings instead. */
const qname = (namespace: string | null, local: string): string => `{${namespace ?? ''}}${local}`;
registerCustomXPathFunction(
  { namespaceURI: FUNCTIONS, localName: 'QName' },
  ['xs:string?', 'xs:string'],
  'xs:string',
  (_, ns: string | null, name: string) => qname(ns, name.includes(':') ? name.slice(name.indexOf(':') + 1) : name),
);
registerCustomXPathFunction(
  { namespaceURI: FUNCTIONS, localName: 'resolve-QName' },
  ['xs:string?', 'element()'],
  'xs:string?',
  (_, value: string | null, element: { lookupNamespaceURI(prefix: string | null): string | null }) => {
    if (value === null) return null;
    const colon = value.indexOf(':');
    const prefix = colon < 0 ? null : value.slice(0, colon);
    return qname(element.lookupNamespaceURI(prefix), value.slice(colon + 1));
  },
);
registerCustomXPathFunction(
  { namespaceURI: FUNCTIONS, localName: 'local-name-from-QName' },
  ['xs:string?'],
  'xs:string?',
  (_, value: string | null) => (value === null ? null : value.slice(value.indexOf('}') + 1)),
);
registerCustomXPathFunction(
  { namespaceURI: FUNCTIONS, localName: 'namespace-uri-from-QName' },
  ['xs:string?'],
  'xs:string?',
  (_, value: string | null) => (value === null ? null : value.slice(1, value.indexOf('}'))),
);
/** XPath 2 `matches` with flags (fontoxpath only has the 2-argument form); XSD regexes are close enough to JS here. */
registerCustomXPathFunction(
  { namespaceURI: FUNCTIONS, localName: 'matches' },
  ['xs:string?', 'xs:string', 'xs:string'],
  'xs:boolean',
  (_, input: string | null, pattern: string, flags: string) =>
    new RegExp(flags.includes('x') ? pattern.replace(/\s+/g, '') : pattern, flags.replace(/[^ims]/g, '') + 'u').test(
      input ?? '',
    ),
);
const MATCHES_3 =
  /(?<![\w:.{}-])matches\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?,(?:[^()]|\((?:[^()]|\([^()]*\))*\))*?,(?:[^()]|\((?:[^()]|\([^()]*\))*\))*?)\)/g;
const DOCUMENT_CALL = /(?<![\w:.-])(doc-available|document|doc)\s*\(/g;
const QNAME_CALL = /(?<![\w:.{}-])(resolve-QName|local-name-from-QName|namespace-uri-from-QName|QName)\s*\(/g;

function rewriteDocumentCalls(root: El, base: string): void {
  const literal = `'${base.replace(/'/g, "''")}'`;
  const visit = (node: El): void => {
    for (const name of ['context', 'test', 'select', 'value']) {
      const value = node.getAttribute(name);
      if (value !== null && DOCUMENT_CALL.test(value)) {
        node.setAttribute(
          name,
          value.replace(DOCUMENT_CALL, (_, fn: string) => `Q{${FUNCTIONS}}${fn}(${literal}, `),
        );
      }
      DOCUMENT_CALL.lastIndex = 0;
      const current = node.getAttribute(name);
      if (current !== null) {
        node.setAttribute(
          name,
          current
            .replace(QNAME_CALL, (_, fn: string) => `Q{${FUNCTIONS}}${fn}(`)
            .replace(MATCHES_3, (_, args: string) => `Q{${FUNCTIONS}}matches(${args})`),
        );
      }
    }
    elements(node).forEach(visit);
  };
  visit(root);
}

const elements = (parent: Node): El[] => {
  const out: El[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling)
    if (node.nodeType === 1) out.push(node as El);
  return out;
};
const descendants = (root: El, localName: string): El[] =>
  Array.from(root.getElementsByTagNameNS(SCH, localName) as unknown as ArrayLike<El>);

function load(path: string): El {
  const document = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/xml');
  return document.documentElement as unknown as El;
}

/** Replaces every `include` by the root element of the referenced file, relative to the including file. */
function resolveIncludes(element: El, baseDir: string, missing: Set<string>): void {
  for (const child of elements(element)) {
    if (child.namespaceURI === SCH && child.localName === 'include') {
      const target = resolve(baseDir, child.getAttribute('href') ?? '');
      if (!existsSync(target)) {
        missing.add(target);
        element.removeChild(child);
        continue;
      }
      const included = element.ownerDocument.importNode<El>(load(target), true);
      resolveIncludes(included, dirname(target), missing);
      element.replaceChild(included, child);
    } else {
      resolveIncludes(child, baseDir, missing);
    }
  }
}

function expandAbstractRules(root: El): void {
  const abstract = new Map<string, El>();
  for (const rule of descendants(root, 'rule')) {
    if (rule.getAttribute('abstract') === 'true') abstract.set(rule.getAttribute('id') ?? '', rule);
  }
  const expand = (rule: El, seen: Set<string>): void => {
    for (const child of elements(rule)) {
      if (child.localName !== 'extends') continue;
      const id = child.getAttribute('rule') ?? '';
      const base = abstract.get(id);
      if (base === undefined || seen.has(id)) throw new Error(`abstract rule ${id} not found or cyclic`);
      expand(base, new Set([...seen, id]));
      for (const inherited of elements(base)) rule.insertBefore(inherited.cloneNode(true), child);
      rule.removeChild(child);
    }
  };
  for (const rule of descendants(root, 'rule')) expand(rule, new Set());
  for (const rule of abstract.values()) rule.parentNode?.removeChild(rule);
}

function instantiateAbstractPatterns(root: El): void {
  const abstract = new Map<string, El>();
  for (const pattern of descendants(root, 'pattern')) {
    if (pattern.getAttribute('abstract') === 'true') abstract.set(pattern.getAttribute('id') ?? '', pattern);
  }
  for (const pattern of descendants(root, 'pattern')) {
    const isA = pattern.getAttribute('is-a');
    if (isA === null || isA === '') continue;
    const base = abstract.get(isA);
    if (base === undefined) throw new Error(`abstract pattern ${isA} not found`);
    const params = elements(pattern)
      .filter((p) => p.localName === 'param')
      .map((p) => [p.getAttribute('name') ?? '', p.getAttribute('value') ?? ''] as const)
      .sort((a, b) => b[0].length - a[0].length);
    const concrete = base.cloneNode(true) as El;
    concrete.removeAttribute('abstract');
    concrete.setAttribute('id', pattern.getAttribute('id') ?? isA);
    const substitute = (node: El): void => {
      for (const name of ['context', 'test', 'select', 'value']) {
        let value = node.getAttribute(name);
        if (value === null) continue;
        for (const [param, replacement] of params) value = value.split(`$${param}`).join(replacement);
        node.setAttribute(name, value);
      }
      elements(node).forEach(substitute);
    };
    substitute(concrete);
    pattern.parentNode?.replaceChild(concrete, pattern);
  }
  for (const pattern of abstract.values()) pattern.parentNode?.removeChild(pattern);
}

/**
 * Schema and phase variables holding a plain string (value-set paths) are inlined: node-schematron
 * does not expose them to rule contexts, nor to variables substituted from abstract-pattern parameters.
 */
function inlineLiteralVariables(root: El): void {
  const literals = [...descendants(root, 'let')]
    .filter((v) => v.parentNode === root || (v.parentNode as El | null)?.localName === 'phase')
    .map((v) => [v.getAttribute('name') ?? '', (v.getAttribute('value') ?? '').trim()] as const)
    .filter(([, value]) => /^'[^']*'$/.test(value))
    .sort((a, b) => b[0].length - a[0].length);
  const visit = (node: El): void => {
    for (const name of ['context', 'test', 'select', 'value']) {
      let value = node.getAttribute(name);
      if (value === null || !value.includes('$')) continue;
      for (const [variable, literal] of literals)
        value = value.replace(new RegExp(`\\$${variable}(?![\\w.-])`, 'g'), literal);
      node.setAttribute(name, value);
    }
    elements(node).forEach(visit);
  };
  visit(root);
}

/**
 * node-schematron evaluates a variable to a JS value and passes it back to fontoxpath, which turns
 * a sequence into an XPath array (so `count($seq)` is 1 and `()` is no longer empty). Variables are
 * therefore boxed in an array on purpose and unboxed (`?*`) wherever they are read.
 */
function boxVariables(root: El): void {
  const lets = descendants(root, 'let');
  const names = [...new Set(lets.map((v) => v.getAttribute('name') ?? ''))].filter((n) => n !== '');
  if (names.length === 0) return;
  const reference = new RegExp(`\\$(${names.map((n) => n.replace(/[.-]/g, '\\$&')).join('|')})(?![\\w.-])`, 'g');
  const visit = (node: El): void => {
    for (const name of ['context', 'test', 'select', 'value']) {
      const value = node.getAttribute(name);
      if (value !== null && value.includes('$')) node.setAttribute(name, value.replace(reference, '($$$1?*)'));
    }
    elements(node).forEach(visit);
  };
  visit(root);
  for (const variable of lets) variable.setAttribute('value', `array { ${variable.getAttribute('value') ?? '.'} }`);
}

export interface SchematronFinding {
  readonly role: string;
  readonly message: string;
}

export interface SchematronReport {
  readonly findings: readonly SchematronFinding[];
  /** Asserts fontoxpath could not evaluate (XPath 2 corners it lacks), by assert id. */
  readonly unevaluable: ReadonlySet<string>;
  readonly evaluated: number;
}

export interface LoadedSchematron {
  readonly missingIncludes: readonly string[];
  readonly assertCount: number;
  validate(xml: string): SchematronReport;
}

interface AssertLike {
  id: string | null;
  validateNode(...args: unknown[]): unknown;
}

/**
 * One assert that fontoxpath cannot evaluate must not hide the others: each assert is wrapped so
 * that an evaluation error is recorded (and compared by the tests) instead of aborting the run.
 */
function tolerate(schema: Schema, unevaluable: Set<string>, counter: { evaluated: number }): number {
  let count = 0;
  schema.patterns.forEach((pattern, p) => {
    pattern.rules.forEach((rule, r) => {
      const ruleLike = rule as unknown as AssertLike;
      const originalRule = ruleLike.validateNode.bind(rule);
      ruleLike.validateNode = (...args: unknown[]) => {
        try {
          return originalRule(...args);
        } catch {
          unevaluable.add(`${p}/${r}/let`);
          return [];
        }
      };
      rule.asserts.forEach((assert, a) => {
        count += 1;
        const check = assert as unknown as AssertLike;
        const original = check.validateNode.bind(check);
        check.validateNode = (...args: unknown[]) => {
          try {
            counter.evaluated += 1;
            return original(...args);
          } catch {
            unevaluable.add(`${p}/${r}/${a}`);
            return null;
          }
        };
      });
    });
    // A rule context fontoxpath cannot evaluate aborts its whole pattern: retry rule by rule then
    // (losing only the "first matching rule wins" ordering, which can add findings, never hide one).
    const patternLike = pattern as unknown as { validateDocument(...args: unknown[]): unknown[] };
    const originalPattern = patternLike.validateDocument.bind(pattern);
    const PatternClass = pattern.constructor as new (
      id: unknown,
      rules: unknown[],
      variables: unknown,
    ) => typeof patternLike;
    patternLike.validateDocument = (...args: unknown[]) => {
      try {
        return originalPattern(...args);
      } catch {
        return pattern.rules.flatMap((rule, r) => {
          try {
            return new PatternClass(pattern.id, [rule], pattern.variables).validateDocument(...args);
          } catch {
            unevaluable.add(`${p}/${r}/context`);
            return [];
          }
        });
      }
    };
  });
  return count;
}

/** Compiles one ANS schematron (with all its includes) into a validator. */
export function loadSchematron(path: string): LoadedSchematron {
  const { xml, missing } = flattenSchematron(path);
  const schema = Schema.fromString(xml);
  const unevaluable = new Set<string>();
  const counter = { evaluated: 0 };
  const assertCount = tolerate(schema, unevaluable, counter);
  return {
    missingIncludes: missing,
    assertCount,
    validate(document) {
      unevaluable.clear();
      counter.evaluated = 0;
      const findings = schema.validateString(document, {}).map((result) => ({
        role: (result.assertId ?? 'error|').split('|')[0] ?? 'error',
        message: (result.message ?? '').replace(/\s+/g, ' ').trim(),
      }));
      return { findings, unevaluable: new Set(unevaluable), evaluated: counter.evaluated };
    },
  };
}

/** The ISO pre-processing alone: one self-contained schema that node-schematron can compile. */
export function flattenSchematron(path: string): { xml: string; missing: string[] } {
  const root = load(path);
  const missing = new Set<string>();
  resolveIncludes(root, dirname(path), missing);
  expandAbstractRules(root);
  instantiateAbstractPatterns(root);
  rewriteDocumentCalls(root, dirname(path));
  inlineLiteralVariables(root);
  // Phase variables (the ANS files declare their value-set paths there) become schema variables:
  // node-schematron only knows the latter, and each ANS schema has a single phase.
  for (const phase of descendants(root, 'phase')) {
    for (const variable of elements(phase).filter((e) => e.localName === 'let'))
      root.insertBefore(variable, root.firstChild);
  }
  boxVariables(root);
  // node-schematron keeps an assert's id but not its role: the role travels in the id.
  for (const name of ['assert', 'report']) {
    for (const check of descendants(root, name)) {
      check.setAttribute(
        'id',
        `${check.getAttribute('role') ?? (name === 'report' ? 'report' : 'error')}|${check.getAttribute('id') ?? ''}`,
      );
    }
  }
  return { xml: new XMLSerializer().serializeToString(root as never), missing: [...missing] };
}
