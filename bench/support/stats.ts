export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of samples sorted ascending; NaN when there are none. */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Rounded to hundredths. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Nearest-rank percentiles, max and mean, in hundredths; the mean of no samples is 0. */
export function summarizeLatencies(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round2(percentile(sorted, 50)),
    p95: round2(percentile(sorted, 95)),
    p99: round2(percentile(sorted, 99)),
    max: round2(sorted[sorted.length - 1] ?? NaN),
    mean: round2(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}
