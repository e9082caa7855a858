import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeBench, NODE_GROUPS } from './node-bench.js';
import { formatTable, replaceTableSection, TABLE_END, TABLE_START } from './run.js';
import { makeBigArticle } from './generate.js';
import { median, quantile } from './stats.js';

let tmp: string | undefined;
afterEach(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('the bench', () => {
  it('runs every main-side measurement in its quick form and answers one finite row each', async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-bench-'));
    // The cli group times the compiled build (npm run bench builds first); unit tests do not build.
    const rows = await createNodeBench(NODE_GROUPS.filter((g) => g !== 'cli'))({ runs: 1, quick: true, tmp });
    expect(rows.map((r) => r.name.split(' ')[0])).toEqual(['open', 'open', 'open', 'open', 'open', 'save', 'save', 'export', 'export', 'agreement,', 'main-side', 'registry', 'open', 'accept', 'undo', 'a', 'longest', 'old']);
    for (const r of rows) {
      expect(Number.isFinite(r.median) && r.median > 0).toBe(true);
      expect(typeof r.met).toBe('boolean');
      if (r.ratio !== null) expect(r.ratio).toBeCloseTo(r.median / r.baselineMedian!, 6);
    }
    expect(NODE_GROUPS).toEqual(['open', 'save', 'export', 'agreement', 'memory', 'bulk', 'registry', 'cli']);
  }, 60_000);

  it('prints a table and replaces only the section between the markers', () => {
    const table = formatTable([{ name: 'x', unit: 'ms', median: 12.345, p95: 20, baselineName: 'y', baselineMedian: 10, ratio: 1.2345, target: '<= 1.3x', met: true }]);
    expect(table.split('\n')[2]).toBe('| x | 12.3 ms (p95 20.0 ms) | y | 10.0 ms | 1.23x | <= 1.3x | yes |');
    const doc = `# P\n\nbefore\n${TABLE_START}\nold\n${TABLE_END}\nafter\n`;
    expect(replaceTableSection(doc, 'new')).toBe(`# P\n\nbefore\n${TABLE_START}\nnew\n${TABLE_END}\nafter\n`);
    expect(() => replaceTableSection('# no markers', 'new')).toThrow(/bench:table/);
  });

  it('takes medians and nearest-rank quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
  });

  it('makes the same 1 MB article with 5,000 spans, a third overlapping, from the same seed', () => {
    const a = makeBigArticle(3);
    expect(Buffer.byteLength(a.text)).toBeGreaterThanOrEqual(1024 * 1024);
    expect(a.spans).toHaveLength(5000);
    const sorted = [...a.spans].sort((p, q) => p.start - q.start);
    const overlapping = sorted.filter((s, i) => i > 0 && s.start < sorted[i - 1]!.end).length;
    expect(overlapping).toBe(1666);
    expect(makeBigArticle(3).spans[4999]).toEqual(a.spans[4999]);
    const cps = Array.from(a.text);
    for (const s of a.spans.slice(0, 50)) expect(s.quote).toBe(cps.slice(s.start, s.end).join(''));
  });
});
