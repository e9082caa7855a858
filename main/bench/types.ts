export interface BenchResult { name: string; unit: 'ms' | 'MB'; median: number; p95?: number; baselineName: string; baselineMedian: number | null; ratio: number | null; target: string; met: boolean; note?: string }
export type BenchModule = (opts: { runs: number; quick: boolean; tmp: string }) => Promise<BenchResult[]>;
