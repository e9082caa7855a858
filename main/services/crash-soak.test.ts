/**
 * Crash safety: a process making a stream of edits is killed with SIGKILL at random moments,
 * many times over; after each kill every acknowledged edit is on disk and every file parses.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from './store/project.js';

const child = path.join(import.meta.dirname, '..', 'tooling', 'testing', 'crash-child.ts');
const TEXT = 'Officials said the talks would continue into next week, according to a statement.\n';

/**
 * Runs the child until `ms` after its `acks`-th acknowledged edit (counting from when it is
 * ready, so a slow, shared machine still gets edits in before the kill), kills it, and answers
 * what it acknowledged.
 */
function runAndKill(corpus: string, settings: string, seed: number, ms: number, acks: number): Promise<{ spans: Map<string, string[]>; speakers: string[] }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, corpus, settings, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const spans = new Map<string, string[]>();
    const speakers: string[] = [];
    let buffer = '';
    let errors = '';
    let seen = 0;
    let armed = false;
    proc.stderr.on('data', (d) => (errors += d));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [kind, a, b] = line.split(' ');
        if (kind === 'ack' || kind === 'speaker') seen += 1;
        if (seen === acks && !armed) {
          armed = true;
          setTimeout(() => proc.kill('SIGKILL'), ms);
        }
        // Only complete lines count: an "ack" is printed after the write resolved.
        if (kind === 'ack' && a && b) spans.set(a, [...(spans.get(a) ?? []), b]);
        if (kind === 'speaker' && a) speakers.push(a);
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ spans, speakers }) : reject(new Error(`child exited ${code}: ${errors.slice(0, 500)}`))));
  });
}

describe('crash safety', () => {
  it('after SIGKILL at random moments, every acknowledged edit is on disk and every file parses', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-soak-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
    await fs.writeFile(path.join(corpus, 'b.txt'), TEXT.toUpperCase());
    const acknowledged = new Map<string, Set<string>>();
    const speakers = new Set<string>();
    let total = 0;
    for (let round = 0; round < 12; round += 1) {
      const got = await runAndKill(corpus, path.join(dir, 'settings'), round + 1, (round * 37) % 120, 2 + (round % 3));
      for (const [doc, ids] of got.spans) {
        const set = acknowledged.get(doc) ?? new Set<string>();
        for (const id of ids) set.add(id);
        acknowledged.set(doc, set);
        total += ids.length;
      }
      for (const id of got.speakers) speakers.add(id);
      // Every file parses and holds everything acknowledged so far; no temp file is left as the real one.
      for (const doc of ['a.txt', 'b.txt']) {
        const file = path.join(corpus, '.quotebench', 'annotations', 'soak', `${doc}.json`);
        const raw = await fs.readFile(file, 'utf8').catch(() => null);
        const ids = new Set(raw ? (JSON.parse(raw) as { spans: { id: string }[] }).spans.map((s) => s.id) : []);
        for (const id of acknowledged.get(doc) ?? []) expect(ids.has(id), `${doc}: acknowledged span ${id} lost in round ${round}`).toBe(true);
      }
      // The registry as any process would fold it from project.json and the registry logs.
      const project = await readProject(corpus);
      const known = new Set(project.speakers.map((s) => s.id));
      for (const id of speakers) expect(known.has(id), `speaker ${id} lost in round ${round}`).toBe(true);
    }
    expect(total).toBeGreaterThan(20);
    // Damaged files would have been moved aside as *.corrupt-*: there are none.
    const names = await fs.readdir(path.join(corpus, '.quotebench', 'annotations', 'soak'));
    expect(names.filter((n) => n.includes('.corrupt-'))).toEqual([]);
  }, 120_000);
});
