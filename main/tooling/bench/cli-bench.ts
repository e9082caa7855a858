/**
 * The command line as a user runs it (issue 14): whole `quotebench` processes of the compiled
 * build, timed from spawn to exit: `--help`, `stats` on an empty folder, and `stats` on the
 * generated corpus beside a plain Node process that reads and hashes the same files.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { limitRow, ratioRow } from './stats.js';
import type { BenchResult } from './types.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = path.join(repo, 'dist', 'main', 'cli-bin.js');

/**
 * The baseline: every article (.txt outside .quotebench) and every layer file read whole and
 * sha256-hashed, in one plain Node process: what `stats` must at least read.
 */
const READ_AND_HASH = `
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
const root = process.argv[1];
const list = (dir, keep) => fs.readdirSync(dir, { recursive: true }).filter(keep).map((n) => path.join(dir, n));
const files = [...list(root, (n) => n.endsWith('.txt') && !n.startsWith('.quotebench')), ...list(path.join(root, '.quotebench', 'annotations'), (n) => n.endsWith('.json'))];
for (const file of files) createHash('sha256').update(fs.readFileSync(file)).digest('hex');
`;

/** Milliseconds from spawning `node ARGS…` to its exit; a non-zero exit is an error. */
function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`node ${args.join(' ').slice(0, 80)} exited ${code}: ${err.trim()}`))));
  });
}

/** The CLI rows, on `corpus` (the generated articles with their layers). */
export async function cliBench(corpus: string, docs: number, tmp: string, runs: number, log: (m: string) => void): Promise<BenchResult[]> {
  try {
    await fs.access(CLI);
  } catch {
    throw new Error(`${path.relative(repo, CLI)} is not built: run "npm run build:main" first (npm run bench does)`);
  }
  log('cli: whole quotebench processes from the compiled build');
  const empty = path.join(tmp, 'empty-corpus');
  await fs.mkdir(empty, { recursive: true });
  const bare: number[] = [];
  const help: number[] = [];
  const noop: number[] = [];
  const hash: number[] = [];
  const stats: number[] = [];
  // Both sides start with the files in the page cache.
  await timeProcess(['--input-type=module', '-e', READ_AND_HASH, corpus]);
  for (let i = 0; i < runs; i += 1) {
    bare.push(await timeProcess(['-e', '0']));
    help.push(await timeProcess([CLI, '--help']));
    noop.push(await timeProcess([CLI, 'stats', empty]));
    hash.push(await timeProcess(['--input-type=module', '-e', READ_AND_HASH, corpus]));
    stats.push(await timeProcess([CLI, 'stats', corpus]));
  }
  const label = docs.toLocaleString('en');
  const context = { baselineName: 'node -e 0 (context only)', baselineSamples: bare };
  return [
    limitRow({ name: 'quotebench --help', unit: 'ms', samples: help, max: 150, target: '< 150 ms', ...context, note: 'node dist/main/cli-bin.js --help, spawn to exit' }),
    limitRow({ name: 'quotebench stats on an empty folder', unit: 'ms', samples: noop, max: 300, target: '< 300 ms', ...context, note: 'spawn to exit' }),
    ratioRow({ name: `quotebench stats, ${label} articles, 2 layers`, unit: 'ms', samples: stats, baselineName: 'a Node process reading and sha256-hashing every article and layer file', baselineSamples: hash, maxRatio: 1.3, target: '<= 1.3x baseline', note: 'spawn to exit, both' }),
  ];
}
