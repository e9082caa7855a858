/** Small helpers for the bench: timing, median and p95, and the row a measurement answers. */
import type { BenchResult } from './types.js';

/** Milliseconds `fn` took. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The value at quantile `q` (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A row compared with a baseline: `maxRatio` is the target ratio (measurement / baseline). */
export function ratioRow(row: { name: string; unit: 'ms' | 'MB'; samples: number[]; baselineName: string; baselineSamples: number[]; maxRatio: number; target: string; note?: string; p95?: boolean }): BenchResult {
  const m = median(row.samples);
  const b = median(row.baselineSamples);
  const ratio = b > 0 ? m / b : null;
  return {
    name: row.name,
    unit: row.unit,
    median: m,
    ...(row.p95 ? { p95: quantile(row.samples, 0.95) } : {}),
    baselineName: row.baselineName,
    baselineMedian: b,
    ratio,
    target: row.target,
    met: ratio !== null && ratio <= row.maxRatio,
    ...(row.note ? { note: row.note } : {}),
  };
}

/** A row with an absolute limit (`max`, in the row's unit); the baseline is shown for context only. */
export function limitRow(row: { name: string; unit: 'ms' | 'MB'; samples: number[]; max: number; target: string; baselineName?: string; baselineSamples?: number[]; note?: string; p95?: boolean }): BenchResult {
  const m = median(row.samples);
  const b = row.baselineSamples && row.baselineSamples.length > 0 ? median(row.baselineSamples) : null;
  return {
    name: row.name,
    unit: row.unit,
    median: m,
    ...(row.p95 ? { p95: quantile(row.samples, 0.95) } : {}),
    baselineName: row.baselineName ?? 'none (absolute target)',
    baselineMedian: b,
    ratio: b !== null && b > 0 ? m / b : null,
    target: row.target,
    met: m < row.max,
    ...(row.note ? { note: row.note } : {}),
  };
}
