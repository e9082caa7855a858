/**
 * Runs only the renderer measurements (main/tooling/bench/browser-bench.ts) and prints their table:
 * `node_modules/.bin/tsx main/tooling/bench/run-browser.ts [--quick] [--runs N] [--only list,paint,add,memory]`
 * after `npm run build`.
 * `npm run bench` (main/tooling/bench/run.ts) runs them with the rest.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { browserBench } from './browser-bench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : quick ? 1 : 5;
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean) : undefined;
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-bench-'));
try {
  const results = await browserBench({ runs, quick, tmp, ...(only ? { only } : {}) });
  console.log('| measurement | median | p95 | baseline | baseline median | ratio | target | met | note |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const v = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${n} ${r.unit}`);
    console.log(`| ${r.name} | ${v(r.median)} | ${v(r.p95)} | ${r.baselineName} | ${v(r.baselineMedian)} | ${r.ratio ?? '–'} | ${r.target} | ${r.met ? 'yes' : '**no**'} | ${r.note ?? ''} |`);
  }
} finally {
  await fs.rm(tmp, { recursive: true, force: true });
}
