/**
 * The q-quantile (0..1) by linear interpolation between closest ranks (the spreadsheet
 * PERCENTILE.INC rule, so people can check a figure by hand); null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}
