import { expect, type TestContext } from 'vitest';

/**
 * A seeded, time-budgeted fuzzing loop for one boundary of the app. The seed is fixed so a run
 * is reproducible (FUZZ_SEED overrides it to explore); each boundary gets a wall-clock budget
 * (FUZZ_BUDGET_SCALE stretches all of them, e.g. 10 for a long night run) and its case count,
 * time and heap growth are recorded on the test for the fuzz reporter's summary.
 */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 0x20261206) >>> 0;
const BUDGET_SCALE = Number(process.env['FUZZ_BUDGET_SCALE'] ?? 1);

export interface FuzzSummary {
  readonly boundary: string;
  readonly seed: number;
  readonly cases: number;
  readonly ms: number;
  readonly slowestCaseMs: number;
  readonly heapGrowthMb: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

declare module 'vitest' {
  interface TaskMeta {
    fuzz?: FuzzSummary;
  }
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const int = (random: Random, below: number): number => Math.floor(random() * below);
export const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;

/** Markup fragments that break parsers in interesting ways when dropped anywhere. */
const TOKENS = [
  '<',
  '>',
  '/>',
  '</',
  '<a>',
  '</a>',
  '"',
  "'",
  '&',
  '&amp;',
  '&#0;',
  '&#x10FFFF;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?x ?>',
  '<!DOCTYPE a>',
  'xmlns:x="urn:x"',
  ' a="1"',
  '\u0000',
  '\uFFFD',
  '\uD800',
  '\r\n',
  '\r\n\r\n',
  '--',
  'cid:',
  '{',
  '}',
  '[',
  'null',
  '-1',
  '1e309',
];

/**
 * One to four mutations of a valid message: flipped bytes, cut or duplicated ranges, markup
 * tokens, a splice of another sample, deep nesting or a flood of elements (to reach the budgets).
 */
export function mutateText(source: string, random: Random, others: readonly string[] = []): string {
  let text = source;
  const rounds = 1 + int(random, 4);
  for (let round = 0; round < rounds; round += 1) {
    const at = int(random, text.length + 1);
    const choice = random();
    if (choice < 0.2) {
      text = text.slice(0, at) + String.fromCharCode(int(random, 0x3000)) + text.slice(at + 1);
    } else if (choice < 0.35) {
      text = text.slice(0, at) + text.slice(at + 1 + int(random, 200));
    } else if (choice < 0.5) {
      const length = int(random, 400);
      text = text.slice(0, at) + text.slice(at, at + length).repeat(1 + int(random, 4)) + text.slice(at);
    } else if (choice < 0.75) {
      text = text.slice(0, at) + pick(random, TOKENS) + text.slice(at);
    } else if (choice < 0.82 && others.length > 0) {
      const other = pick(random, others);
      const from = int(random, other.length);
      text = text.slice(0, at) + other.slice(from, from + int(random, 2000)) + text.slice(at);
    } else if (choice < 0.88) {
      const depth = 1 + int(random, 3000);
      text = text.slice(0, at) + '<n>'.repeat(depth) + text.slice(at);
    } else if (choice < 0.92) {
      text = text.slice(0, at) + '<e a="1"/>'.repeat(1 + int(random, 3000)) + text.slice(at);
    } else {
      text = text.slice(0, at);
    }
  }
  return text;
}

/** Byte-level mutation, for binary boundaries (card answers, MTOM bodies). */
export function mutateBytes(source: Uint8Array, random: Random): Uint8Array {
  const bytes = Array.from(source);
  const rounds = 1 + int(random, 3);
  for (let round = 0; round < rounds; round += 1) {
    const at = int(random, bytes.length + 1);
    const choice = random();
    if (choice < 0.4 && bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = int(random, 256);
    else if (choice < 0.6) bytes.splice(at, 1 + int(random, 16));
    else if (choice < 0.8) bytes.splice(at, 0, ...Array.from({ length: 1 + int(random, 8) }, () => int(random, 256)));
    else bytes.length = at;
  }
  return Uint8Array.from(bytes);
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => process.memoryUsage().heapUsed / (1024 * 1024);

export interface FuzzOptions {
  readonly boundary: string;
  /** Wall-clock budget of the loop, before FUZZ_BUDGET_SCALE. */
  readonly budgetMs: number;
  /** Heap growth allowed once the loop is over and garbage collected. */
  readonly maxHeapGrowthMb?: number;
  /**
   * One case: returns an outcome label (counted in the summary), throws only on a real failure
   * (a crash, an untyped error, a broken invariant).
   */
  readonly run: (random: Random, index: number) => Promise<string> | string;
}

/**
 * Runs cases until the budget is spent, each from its own derived seed (a failure names it, and
 * `FUZZ_SEED=<that seed>` replays it as case 0). Fails on any thrown case, on a single case taking
 * longer than the whole budget (a hang), and on heap growth past the bound.
 */
export async function fuzz(context: TestContext, options: FuzzOptions): Promise<FuzzSummary> {
  const budgetMs = options.budgetMs * BUDGET_SCALE;
  gc();
  const heapBefore = heapMb();
  const started = performance.now();
  const outcomes: Record<string, number> = {};
  let cases = 0;
  let slowestCaseMs = 0;
  while (performance.now() - started < budgetMs) {
    const caseSeed = (FUZZ_SEED + Math.imul(cases, 0x9e3779b1)) >>> 0;
    const caseStarted = performance.now();
    let outcome: string;
    try {
      outcome = await options.run(prng(caseSeed), cases);
    } catch (error) {
      throw new Error(`${options.boundary}: case ${cases} (seed ${caseSeed}) failed`, { cause: error });
    }
    slowestCaseMs = Math.max(slowestCaseMs, performance.now() - caseStarted);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    cases += 1;
  }
  const ms = Math.round(performance.now() - started);
  gc();
  const summary: FuzzSummary = {
    boundary: options.boundary,
    seed: FUZZ_SEED,
    cases,
    ms,
    slowestCaseMs: Math.round(slowestCaseMs),
    heapGrowthMb: Math.round((heapMb() - heapBefore) * 10) / 10,
    outcomes,
  };
  context.task.meta.fuzz = summary;
  expect(cases, 'cases run within the budget').toBeGreaterThan(0);
  expect(slowestCaseMs, 'slowest case (a hang past the budget)').toBeLessThan(budgetMs);
  expect(summary.heapGrowthMb, 'heap growth after the budget').toBeLessThan(options.maxHeapGrowthMb ?? 64);
  return summary;
}
