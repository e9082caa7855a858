/**
 * Keeps the renderer benchmark (main/tooling/bench/browser-bench.ts) from rotting: it runs once on tiny
 * sizes and must answer every measurement in the agreed shape. No timing is asserted.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { browserBench } from '../main/tooling/bench/browser-bench.js';
import { expect, test } from '@playwright/test';

test('the renderer bench runs on tiny sizes and answers results of the right shape', async () => {
  test.setTimeout(120_000);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-bench-smoke-'));
  try {
    const results = await browserBench({ runs: 1, quick: true, tmp });
    expect(results.map((r) => r.unit)).toEqual(['ms', 'ms', 'ms', 'ms', 'ms', 'MB', 'MB']);
    for (const r of results) {
      expect(r.name).not.toBe('');
      expect(Number.isFinite(r.median) && r.median > 0).toBe(true);
      expect(r.baselineMedian !== null && Number.isFinite(r.baselineMedian) && r.baselineMedian > 0).toBe(true);
      expect(r.ratio).toBeCloseTo(r.median / r.baselineMedian!, 0);
      expect(typeof r.met).toBe('boolean');
      expect(r.target).not.toBe('');
    }
    expect(results.filter((r) => r.p95 !== undefined).every((r) => r.p95! >= r.median)).toBe(true);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});
