/**
 * computeAgreement split over worker threads answers exactly the report of one thread: runs of
 * documents counted apart and merged in document order, a changed article re-anchored in the
 * worker too, and a worker that cannot start counted by the calling thread instead.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../tooling/bench/generate.js';
import { computeAgreement } from './agreement.js';

let dir: string;
let corpus: string;
let ids: string[];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-agreement-par-'));
  corpus = path.join(dir, 'corpus');
  ids = await writeCorpus(corpus, { docs: 30, spansPerDoc: 12, annotators: ['alice', 'bob', 'carol'], bytes: 1500 });
  // An article changed since its layers were written, in the part a worker counts: its spans are
  // re-anchored there (a line added at the top moves every span).
  const late = path.join(corpus, ...ids[25]!.split('/'));
  await fs.writeFile(late, 'A new first line.\n' + (await fs.readFile(late, 'utf8')));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('computeAgreement over threads', () => {
  it('gives exactly the one-thread report, for two and for three annotators', async () => {
    for (const annotators of [
      ['alice', 'bob'],
      ['alice', 'bob', 'carol'],
    ]) {
      const one = await computeAgreement(corpus, annotators, undefined, { jobs: 1 });
      expect(one.documents).toBe(30);
      expect(one.pairs[0]!.overlap.overall.matched).toBeGreaterThan(0);
      for (const jobs of [2, 3]) {
        const runs: { docs: number; by: string }[] = [];
        expect(await computeAgreement(corpus, annotators, undefined, { jobs, minDocsForWorkers: 1, onRun: (r) => runs.push(r) })).toEqual(one);
        expect(runs.map((r) => r.by)).toEqual(['this thread', ...Array<string>(jobs - 1).fill('worker')]);
        expect(runs.reduce((n, r) => n + r.docs, 0)).toBe(30);
      }
    }
  });

  it('counts a run itself when its worker cannot start', async () => {
    const one = await computeAgreement(corpus, ['alice', 'bob'], undefined, { jobs: 1 });
    const missing = new URL('../../tooling/testing/no-such-worker.js', import.meta.url);
    const runs: string[] = [];
    expect(await computeAgreement(corpus, ['alice', 'bob'], undefined, { jobs: 2, minDocsForWorkers: 1, workerUrl: missing, onRun: (r) => runs.push(r.by) })).toEqual(one);
    expect(runs).toEqual(['this thread', 'this thread']);
    // Small corpora stay on one thread.
    const small: string[] = [];
    await computeAgreement(corpus, ['alice', 'bob'], undefined, { jobs: 2, onRun: (r) => small.push(r.by) });
    expect(small).toEqual(['this thread']);
  });
});
