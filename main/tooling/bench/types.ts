/** One row of the bench table. Shared by node-bench.ts and browser-bench.ts; run.ts prints them. */
export interface BenchResult {
  name: string;
  unit: 'ms' | 'MB';
  median: number;
  p95?: number;
  baselineName: string;
  baselineMedian: number | null;
  ratio: number | null;
  target: string;
  met: boolean;
  note?: string;
}

/**
 * A group of measurements: runs each one `runs` times, writes anything it generates under `tmp`.
 * `only`, when given, names the parts to run (a module ignores names it does not know).
 */
export type BenchModule = (opts: { runs: number; quick: boolean; tmp: string; only?: readonly string[] }) => Promise<BenchResult[]>;
