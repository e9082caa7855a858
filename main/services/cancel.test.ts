import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api.js';
import { appEventSchema, type AppEvent } from '../../shared/events.js';
import { createApp, type QuotebenchApp } from './app.js';
import { computeAgreement } from './analysis/agreement.js';
import { CancelledError, INTERRUPTED_EXIT_CODE, isCancelled, onInterrupt, type SignalSource } from './platform/cancel.js';
import { exportLayer } from './formats/export.js';
import { importLayer } from './formats/import.js';
import { suggestIntoLayer } from './analysis/suggest.js';

const DOCS = 12;
let dir: string;
let corpus: string;
let app: QuotebenchApp;

/** Every file under `root`, relative, sorted (missing folder: none). */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

async function call<T>(method: string, args: unknown): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

/** Resolves with the job's final event; `onEvent` sees every event of it first. */
function finished(jobId: () => string | null, onEvent: (job: JobStatus) => void = () => undefined): Promise<JobStatus> {
  return new Promise((resolve) => {
    const off = app.events.subscribe((event) => {
      // Every event main publishes is one the shared schema accepts.
      expect(appEventSchema.safeParse(event).success).toBe(true);
      if (event.type !== 'job' || event.job.jobId !== jobId()) return;
      onEvent(event.job);
      if (event.job.finished) {
        off();
        resolve(event.job);
      }
    });
  });
}

/** maria's layer as a JSONL file to import. */
async function exportMaria(): Promise<string> {
  const file = path.join(dir, 'maria.jsonl');
  let text = '';
  await exportLayer(corpus, { format: 'jsonl', annotator: 'maria', jobs: 1 }, (chunk) => void (text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')));
  await fs.writeFile(file, text);
  return file;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-cancel-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  for (let i = 0; i < DOCS; i += 1) await fs.writeFile(path.join(corpus, `d${String(i).padStart(2, '0')}.txt`), `“We will build it,” Ana Ruiz said of plan ${i}. Others disagreed.\n`);
  app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  await call('setAnnotator', { name: 'maria' });
  for (let i = 0; i < DOCS; i += 1) await call('createSpan', { docId: `d${String(i).padStart(2, '0')}.txt`, start: 0, end: 18, label: 'QUOTE' });
});

afterEach(async () => {
  await app.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('job events', () => {
  it('publishes an export’s progress and outcome, the last event finished', async () => {
    const seen: JobStatus[] = [];
    let jobId: string | null = null;
    const done = finished(() => jobId, (job) => seen.push(job));
    jobId = (await call<{ jobId: string }>('exportData', { format: 'jsonl' })).jobId;
    const last = await done;
    expect(last).toMatchObject({ kind: 'export', finished: true, error: null, done: DOCS, total: DOCS, exported: { documents: DOCS, records: DOCS } });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(await call('getJob', { jobId })).toEqual(last);
  });

  it('publishes corpus progress while the list is read, ending with null', async () => {
    const progress: AppEvent[] = [];
    const off = app.events.subscribe((event) => event.type === 'corpus-progress' && progress.push(event));
    await call('listDocuments', {});
    await new Promise((resolve) => setTimeout(resolve, 150));
    off();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ type: 'corpus-progress', progress: null });
  });
});

describe('cancelling from the app', () => {
  it('stops an export after its first document and leaves no file', async () => {
    let jobId: string | null = null;
    const done = finished(
      () => jobId,
      (job) => {
        if (!job.finished && job.done >= 1) void app.handlers.cancelJob({ jobId: job.jobId });
      },
    );
    jobId = (await call<{ jobId: string }>('exportData', { format: 'jsonl' })).jobId;
    const last = await done;
    expect(last).toMatchObject({ finished: true, cancelled: true, error: 'Cancelled: nothing was written.' });
    expect(last.done).toBeLessThan(DOCS);
    expect(await filesUnder(path.join(corpus, '.quotebench', 'exports'))).toEqual([]);
    // A finished job has nothing left to stop.
    expect(await call('cancelJob', { jobId })).toEqual({ cancelled: false });
  });

  it('stops a brat export and removes its partial folder', async () => {
    const exportsDir = path.join(corpus, '.quotebench', 'exports');
    let jobId: string | null = null;
    const done = finished(
      () => jobId,
      (job) => {
        if (!job.finished && job.done >= 1) void app.handlers.cancelJob({ jobId: job.jobId });
      },
    );
    jobId = (await call<{ jobId: string }>('exportData', { format: 'brat' })).jobId;
    expect(await done).toMatchObject({ cancelled: true });
    expect(await fs.readdir(exportsDir)).toEqual([]);
  });

  it('stops an import while it writes and puts back every layer it had written', async () => {
    const exported = await exportMaria();
    // bob already has one document: an import with replace rewrites it, a cancel restores it.
    await call('setAnnotator', { name: 'bob' });
    await call('createSpan', { docId: 'd00.txt', start: 20, end: 28, label: 'SOURCE' });
    const bobFile = path.join(corpus, '.quotebench', 'annotations', 'bob', 'd00.txt.json');
    // Putting a layer back is a write of its old content, so only the time of the write differs.
    const content = async () => ({ ...JSON.parse(await fs.readFile(bobFile, 'utf8')), updated: null });
    const bobBefore = await content();
    const controller = new AbortController();
    let checked = false;
    const importing = importLayer(corpus, exported, {
      format: 'jsonl',
      annotator: 'bob',
      replace: true,
      signal: controller.signal,
      progress: (done, total) => {
        if (done === total) checked = true;
        // In the write phase, once three documents are written.
        else if (checked && done === 3) controller.abort(new CancelledError());
      },
    });
    await expect(importing).rejects.toBeInstanceOf(CancelledError);
    expect(await filesUnder(path.join(corpus, '.quotebench', 'annotations', 'bob'))).toEqual(['d00.txt.json']);
    expect(await content()).toEqual(bobBefore);
  });

  it('stops an import the app runs before it writes', async () => {
    const exported = await exportMaria();
    let jobId: string | null = null;
    const done = finished(() => jobId);
    jobId = (await call<{ jobId: string }>('importData', { format: 'jsonl', source: exported, annotator: 'carl', map: {}, dryRun: false, replace: false })).jobId;
    expect(await call('cancelJob', { jobId })).toEqual({ cancelled: true });
    expect(await done).toMatchObject({ cancelled: true, finished: true });
    expect(await filesUnder(path.join(corpus, '.quotebench', 'annotations', 'carl'))).toEqual([]);
  });
});

describe('cancelling suggest and agreement (the CLI’s Ctrl+C)', () => {
  it('a cancelled suggest run before its writes writes nothing', async () => {
    const controller = new AbortController();
    controller.abort(new CancelledError());
    await expect(suggestIntoLayer(corpus, { annotator: 'sam', signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(await filesUnder(path.join(corpus, '.quotebench', 'annotations', 'sam'))).toEqual([]);
  });

  it('a cancelled agreement stops with the reason', async () => {
    await call('setAnnotator', { name: 'bob' });
    await call('createSpan', { docId: 'd00.txt', start: 0, end: 18, label: 'QUOTE' });
    const controller = new AbortController();
    controller.abort(new CancelledError());
    await expect(computeAgreement(corpus, ['maria', 'bob'], undefined, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('onInterrupt', () => {
  it('turns the first Ctrl+C into an abort and the second into exit 130', () => {
    const handlers = new Set<() => void>();
    const exits: number[] = [];
    const proc: SignalSource = {
      on: (_e, l) => handlers.add(l),
      off: (_e, l) => handlers.delete(l),
      exit: ((code: number) => void exits.push(code)) as SignalSource['exit'],
    };
    const reasons: unknown[] = [];
    const off = onInterrupt((reason) => reasons.push(reason), proc);
    handlers.forEach((h) => h());
    expect(reasons).toHaveLength(1);
    expect(isCancelled(reasons[0])).toBe(true);
    expect(exits).toEqual([]);
    handlers.forEach((h) => h());
    expect(exits).toEqual([INTERRUPTED_EXIT_CODE]);
    off();
    expect(handlers.size).toBe(0);
  });
});
