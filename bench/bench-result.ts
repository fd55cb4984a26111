/** One line of `npm run bench`: what was measured, against what, and with which parameters. */
export interface BenchResult {
  name: string;
  /** null when the benchmark could not run; `note` says why. */
  value: number | null;
  unit: string;
  /** The same measure for the reference measured in the same run (bare app, raw floor). */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  /** The target from issue 6, so a reader sees pass or fail without looking it up. */
  target?: string;
  params: Record<string, unknown>;
  note?: string;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Progress for the person running it; stdout stays one JSON object per line. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The nearest-rank percentile (95 for p95) of some measurements. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
