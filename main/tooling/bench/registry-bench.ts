/**
 * The registry fold (issue 13): 10,000 registry changes from 5 writers, as five logs on disk,
 * folded into one registry the way every process opens a corpus, and folded again in memory the
 * way a running app does when a log grew. Baseline: reading and JSON-parsing the same lines.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultProject } from '../../../shared/model.js';
import { foldRegistry, parseRegistryLog, registryLine, type RegistryChange, type RegistryEvent } from '../../../shared/registry.js';
import { openProject, registryDir } from '../../services/store/project.js';
import { seededRandom } from '../../../shared/random.js';
import { limitRow, time } from './stats.js';
import type { BenchResult } from './types.js';

const WRITERS = ['amina', 'bilal', 'carla', 'dmitri', 'elena'];

/** Writes `total` changes from five writers into `corpus`'s registry logs: creations, edits, merges, targets, now and then a schema. */
export async function writeRegistryLogs(corpus: string, total: number): Promise<void> {
  const r = seededRandom(13);
  const lines = new Map<string, string[]>(WRITERS.map((w) => [w, []]));
  const seq = new Map<string, number>(WRITERS.map((w) => [w, 0]));
  const speakers: string[] = [];
  const labels = defaultProject().schema.labels;
  for (let i = 0; i < total; i += 1) {
    const writer = WRITERS[Math.floor(r() * WRITERS.length)]!;
    const roll = r();
    let change: RegistryChange;
    if (speakers.length < 50 || roll < 0.4) {
      const id = `sp_${i.toString(16).padStart(8, '0')}`;
      speakers.push(id);
      change = { op: 'speaker.create', speaker: { id, name: `Speaker ${i}`, aliases: [`S. ${i}`], kind: 'person', affiliation: '', role: '' } };
    } else if (roll < 0.8) change = { op: 'speaker.update', id: speakers[Math.floor(r() * speakers.length)]!, patch: { role: `role ${i}` } };
    else if (roll < 0.85) change = { op: 'speaker.merge', keepId: speakers[Math.floor(r() * speakers.length)]!, mergeId: speakers[Math.floor(r() * speakers.length)]! };
    else if (roll < 0.99) change = { op: 'target.create', target: { id: `tg_${i}`, label: `target ${i}` } };
    else change = { op: 'schema.set', schema: { labels } };
    const n = seq.get(writer)! + 1;
    seq.set(writer, n);
    // Clocks as writers that see each other's changes now and then: close, interleaved, with ties.
    lines.get(writer)!.push(registryLine({ clock: Math.floor(i / 3) + 1, seq: n, at: '2026-12-08T00:00:00.000Z' }, change));
  }
  await fs.mkdir(registryDir(corpus), { recursive: true });
  for (const [w, ls] of lines) await fs.writeFile(path.join(registryDir(corpus), `${w}.jsonl`), ls.join('\n') + '\n');
}

/** The registry rows of the bench table. */
export async function registryBench(tmp: string, runs: number, log: (m: string) => void): Promise<BenchResult[]> {
  const corpus = path.join(tmp, 'registry-corpus');
  await fs.mkdir(corpus, { recursive: true });
  const total = 10_000;
  log(`registry: ${total.toLocaleString('en')} changes from ${WRITERS.length} writers`);
  await writeRegistryLogs(corpus, total);
  const files = WRITERS.map((w) => path.join(registryDir(corpus), `${w}.jsonl`));
  const parsed: number[] = [];
  const opened: number[] = [];
  const folded: number[] = [];
  let events: RegistryEvent[] = [];
  for (let i = 0; i < runs + 1; i += 1) {
    const p = await time(async () => {
      let n = 0;
      for (const f of files) for (const line of (await fs.readFile(f, 'utf8')).split('\n')) if (line) n += JSON.parse(line) ? 1 : 0;
      if (n !== total) throw new Error(`read ${n} lines`);
    });
    const o = await time(async () => {
      const project = await openProject(corpus, () => undefined, { readOnly: true });
      if (project.stats().changes !== total) throw new Error('not every change was read');
    });
    events = [];
    for (const [k, f] of files.entries()) events.push(...parseRegistryLog(WRITERS[k]!, await fs.readFile(f, 'utf8')).events);
    const base = defaultProject();
    const m = await time(async () => {
      foldRegistry(base, events);
    });
    // The first round warms the JIT; it is not counted.
    if (i > 0) {
      parsed.push(p);
      opened.push(o);
      folded.push(m);
    }
  }
  return [
    limitRow({ name: `registry fold, ${total.toLocaleString('en')} changes from ${WRITERS.length} writers`, unit: 'ms', samples: folded, max: 50, target: '<= 50 ms', baselineName: 'reading and JSON.parse of the same 10,000 lines', baselineSamples: parsed, note: 'foldRegistry in memory: sort by (clock, writer, seq), apply; what a running app does when a log grew' }),
    limitRow({ name: `open a registry of ${total.toLocaleString('en')} changes from ${WRITERS.length} logs`, unit: 'ms', samples: opened, max: 100, target: '<= 100 ms', baselineName: 'reading and JSON.parse of the same lines', baselineSamples: parsed, note: 'openProject once per process: read every log, check every line with zod (registryLineSchema), fold; later reads take only what was appended' }),
  ];
}
