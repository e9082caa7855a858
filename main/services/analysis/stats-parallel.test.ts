/**
 * computeStats split over worker threads answers exactly the statistics of one thread: counts,
 * label order, statuses and the damaged layer files met, in document order; a worker that cannot
 * start is counted by the calling thread instead.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../tooling/bench/generate.js';
import { computeStats } from './stats.js';

let dir: string;
let corpus: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-stats-par-'));
  corpus = path.join(dir, 'corpus');
  const ids = await writeCorpus(corpus, { docs: 30, spansPerDoc: 12, annotators: ['alice', 'bob', 'carol'], bytes: 1500 });
  // Damaged layer files in the first and in the last run, and a document without a layer.
  const layer = (name: string, id: string) => path.join(corpus, '.quotebench', 'annotations', name, `${id}.json`);
  await fs.writeFile(layer('alice', ids[2]!), '{ not json');
  await fs.writeFile(layer('bob', ids[27]!), JSON.stringify({ schemaVersion: 1, status: 'done', spans: 'none' }));
  await fs.rm(layer('carol', ids[15]!));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('computeStats over threads', () => {
  it('gives exactly the one-thread answer', async () => {
    const one = await computeStats(corpus, { jobs: 1 });
    expect(one.documents).toBe(30);
    expect(one.warnings).toHaveLength(2);
    expect(one.annotators.map((a) => a.byStatus.todo)).toEqual([0, 0, 1]);
    for (const jobs of [2, 3]) {
      const many = await computeStats(corpus, { jobs, minDocsForWorkers: 1 });
      // Deep equality with key order: labels are listed in the order one thread meets them.
      expect(JSON.stringify(many), `jobs ${jobs}`).toBe(JSON.stringify(one));
    }
  });

  it('counts on this thread what a worker that cannot start was to count', async () => {
    const one = await computeStats(corpus, { jobs: 1 });
    const broken = new URL('file:///nonexistent/stats-worker.js');
    expect(JSON.stringify(await computeStats(corpus, { jobs: 2, minDocsForWorkers: 1, workerUrl: broken }))).toBe(JSON.stringify(one));
  });
});
