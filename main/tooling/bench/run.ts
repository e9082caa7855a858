/**
 * `npm run bench [-- --runs N] [--only NAME[,NAME]] [--quick] [--write-doc] [--keep]`: generates
 * the corpora in a temp folder, runs the main-side measurements and, when
 * main/tooling/bench/browser-bench.ts exists, the browser ones; prints one table. `--write-doc` puts the
 * table, the machine and the command into docs/PERFORMANCE.md between its bench markers.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeBench, NODE_GROUPS, type NodeGroup } from './node-bench.js';
import type { BenchModule, BenchResult } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOC = path.join(here, '..', '..', '..', 'docs', 'PERFORMANCE.md');
export const TABLE_START = '<!-- bench:table:start -->';
export const TABLE_END = '<!-- bench:table:end -->';

function fmt(value: number, unit: 'ms' | 'MB'): string {
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
}

/** The results as one Markdown table. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    '| measurement | median | baseline (what it is) | baseline median | ratio | target | met? |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) =>
      [
        r.name + (r.note ? ` <br><sub>${r.note}</sub>` : ''),
        fmt(r.median, r.unit) + (r.p95 !== undefined ? ` (p95 ${fmt(r.p95, r.unit)})` : ''),
        r.baselineName,
        r.baselineMedian === null ? '–' : fmt(r.baselineMedian, r.unit),
        r.ratio === null ? '–' : `${r.ratio.toFixed(2)}x`,
        r.target,
        r.met ? 'yes' : '**NO**',
      ].join(' | '),
    ).map((line) => `| ${line} |`),
  ];
  return rows.join('\n');
}

/** The machine the table was measured on, in one line. */
export function machineLine(date = new Date()): string {
  const cpus = os.cpus();
  // The load average says whether other work shared the machine (wall-clock medians suffer).
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, ${os.type()} ${os.release()}, Node ${process.version}, load average ${load}, ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `doc` with the text between the bench markers replaced by `section`. */
export function replaceTableSection(doc: string, section: string): string {
  const a = doc.indexOf(TABLE_START);
  const b = doc.indexOf(TABLE_END);
  if (a < 0 || b < a) throw new Error(`docs/PERFORMANCE.md has no ${TABLE_START} … ${TABLE_END} section`);
  return doc.slice(0, a + TABLE_START.length) + '\n' + section + '\n' + doc.slice(b);
}

async function browserModule(): Promise<BenchModule | null> {
  try {
    await fs.access(path.join(here, 'browser-bench.ts'));
  } catch {
    return null;
  }
  // A variable specifier: this branch typechecks whether or not the browser half is present.
  const spec = './browser-bench.js';
  return ((await import(spec)) as { browserBench: BenchModule }).browserBench;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean' }, 'write-doc': { type: 'boolean' }, keep: { type: 'boolean' } },
    allowPositionals: false,
  });
  const quick = values.quick ?? false;
  const runs = values.runs ? Number(values.runs) : quick ? 2 : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const nodeGroups = only ? NODE_GROUPS.filter((g) => only.includes(g)) : [...NODE_GROUPS];
  const wantsBrowser = !only || only.some((o) => !(NODE_GROUPS as readonly string[]).includes(o));

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'quotebench-bench-'));
  const started = Date.now();
  const results: BenchResult[] = [];
  try {
    if (nodeGroups.length > 0) results.push(...(await createNodeBench(nodeGroups as NodeGroup[])({ runs, quick, tmp })));
    const browser = wantsBrowser ? await browserModule() : null;
    if (browser) {
      const rows = await browser({ runs, quick, tmp, ...(only ? { only } : {}) });
      // `--only NAME` that is not a node group picks browser rows whose name contains it.
      const extra = only?.filter((o) => !(NODE_GROUPS as readonly string[]).includes(o)) ?? [];
      results.push(...(extra.length > 0 && !extra.includes('browser') ? rows.filter((r) => extra.some((o) => r.name.includes(o))) : rows));
    } else if (wantsBrowser && !only) process.stderr.write('bench: main/tooling/bench/browser-bench.ts not present; browser measurements skipped\n');
  } finally {
    if (values.keep) process.stderr.write(`bench: corpora kept in ${tmp}\n`);
    else await fs.rm(tmp, { recursive: true, force: true });
  }
  const table = formatTable(results);
  // The command as it would reproduce this table (--write-doc only decides where it goes).
  const args = process.argv.slice(2).filter((a) => a !== '--write-doc');
  const command = `npm run bench${args.length > 0 ? ' -- ' + args.join(' ') : ''}`;
  process.stdout.write(`\n${table}\n\n${runs} runs each; ${((Date.now() - started) / 1000).toFixed(0)} s in all; ${machineLine()}\n`);
  if (values['write-doc']) {
    const section = [`Machine: ${machineLine()}.`, '', `Command: \`${command}\` (${runs} runs each, medians).`, '', table].join('\n');
    await fs.writeFile(DOC, replaceTableSection(await fs.readFile(DOC, 'utf8'), section));
    process.stderr.write('bench: docs/PERFORMANCE.md updated\n');
  }
  if (results.some((r) => !r.met)) process.stderr.write(`bench: ${results.filter((r) => !r.met).length} target(s) missed\n`);
}

// Only when run as the entry (the unit test imports the helpers above).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
