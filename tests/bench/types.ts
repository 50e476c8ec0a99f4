/** One line of the benchmark report. `ratio` = median / baseline, both measured in the same run. */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly samples: number;
  readonly baseline?: number;
  readonly ratio?: number;
  /** What the ratio should stay under, when the issue sets a target. */
  readonly target?: number;
  readonly extra?: Readonly<Record<string, number | string>>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
