/**
 * Export and import from the app (File > Export…, File > Import…). Both run as jobs: the call
 * answers at once with a job id; progress and the outcome are published as `job` events (and
 * getJob answers the latest); cancelJob stops a job between documents, leaving nothing behind.
 * Exports go to CORPUS/.quotebench/exports/ (never among the articles, where a brat export's
 * .txt files would be listed as documents), each under a new name: an export never replaces a file,
 * so the app needs no confirmation to ask for.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportReportView, JobStatus } from '../../../shared/api.js';
import type { AppEvent } from '../../../shared/events.js';
import { ApiError } from '../../../shared/result.js';
import { CancelledError, isCancelled } from '../platform/cancel.js';
import { throttled } from './event-bus.js';
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';
import { exportBratFolder, exportLayer, type ExportFormat } from '../formats/export.js';
import { importLayer } from '../formats/import.js';
import { listLayerNames } from '../analysis/agreement.js';
import { assertOwnDataPath } from '../platform/data-path.js';
import { placeExport } from '../formats/export-target.js';

type DataHandlers = Pick<Handlers, 'exportData' | 'importData' | 'pickImportSource' | 'getJob' | 'cancelJob'>;

const EXTENSION: Record<ExportFormat, string> = { jsonl: 'jsonl', 'quotes-jsonl': 'jsonl', 'quotes-csv': 'csv', w3c: 'jsonld', prodigy: 'jsonl', brat: '' };
/** Finished jobs are forgotten after this long. */
const KEEP_MS = 30 * 60 * 1000;

type RunningJob = JobStatus & { ended?: number; controller: AbortController };

/** Runs jobs, remembers their progress and outcome, publishes both as `job` events and stops them on request. */
export class Jobs {
  private jobs = new Map<string, RunningJob>();

  constructor(private readonly publish: (event: AppEvent) => void = () => undefined) {}

  start(kind: JobStatus['kind'], run: (progress: (done: number, total: number) => void, signal: AbortSignal) => Promise<Partial<JobStatus>>): string {
    this.sweep();
    const jobId = randomBytes(8).toString('hex');
    const controller = new AbortController();
    const job: RunningJob = { jobId, kind, done: 0, total: 0, finished: false, error: null, controller };
    this.jobs.set(jobId, job);
    const send = throttled(this.publish);
    const report = (final = false) => send({ type: 'job', job: status(job) }, final);
    void Promise.resolve()
      .then(() =>
        run((done, total) => {
          Object.assign(job, { done, total });
          report();
        }, controller.signal),
      )
      .then((outcome) => Object.assign(job, outcome, { finished: true, done: job.total }))
      .catch((error: unknown) =>
        Object.assign(job, isCancelled(error) ? { finished: true, cancelled: true, error: 'Cancelled: nothing was written.' } : { finished: true, error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        job.ended = Date.now();
        report(true);
      });
    return jobId;
  }

  get(jobId: string): JobStatus {
    return status(this.find(jobId));
  }

  /** Asks a running job to stop; false when it had already finished. */
  cancel(jobId: string): boolean {
    const job = this.find(jobId);
    if (job.finished) return false;
    job.controller.abort(new CancelledError());
    return true;
  }

  private find(jobId: string): RunningJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not-found', 'No such export or import (it may have finished long ago).');
    return job;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.ended && now - job.ended > KEEP_MS) this.jobs.delete(id);
  }
}

/** A job's status as the API and its events carry it. */
function status(job: RunningJob): JobStatus {
  const { ended: _ended, controller: _controller, ...rest } = job;
  return rest;
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
}

/** The export and import handlers; `publish` carries job events to the window. */
export function dataHandlers(ctx: HandlerContext, options: { pickPath?: (kind: 'file' | 'folder') => Promise<string | null>; publish?: (event: AppEvent) => void }): DataHandlers {
  const jobs = new Jobs(options.publish);
  // Where a native dialog exists (the desktop app), an import reads only what the analyst chose in
  // it this session: a path from the renderer alone never reaches the disk. Browser mode has no
  // dialog; there the analyst types the path into the page that their own `quotebench serve` serves.
  const picked = new Set<string>();
  return {
    exportData: async ({ format, status, bom, layer }) => {
      const { corpus } = ctx.need();
      const annotator = layer ?? ctx.layer().annotator;
      if (layer !== undefined && !(await listLayerNames(corpus.root)).includes(layer)) throw new ApiError('not-found', `There is no layer ${JSON.stringify(layer)} in this corpus.`);
      const dir = path.join(corpus.root, '.quotebench', 'exports');
      // Never through a link: a linked exports folder (or .quotebench) would write outside the corpus.
      assertOwnDataPath(corpus.root, dir);
      await fs.mkdir(dir, { recursive: true });
      const base = `${annotator}-${format}-${stamp()}`;
      const jobId = jobs.start('export', async (progress, signal) => {
        const exportOptions = { annotator, status, progress, signal };
        if (format === 'brat') {
          const out = path.join(dir, base);
          const summary = await exportBratFolder(corpus.root, exportOptions, out);
          return { exported: { path: out, documents: summary.documents, records: summary.records, problems: summary.problems.length, skipped: summary.skipped } };
        }
        const out = path.join(dir, `${base}.${EXTENSION[format]}`);
        const tmp = `${out}.${randomBytes(4).toString('hex')}.tmp`;
        const stream = createWriteStream(tmp, { encoding: 'utf8' });
        const write = (chunk: string | Uint8Array) => (stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve())));
        try {
          const summary = await exportLayer(corpus.root, { ...exportOptions, format, bom }, write);
          await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
          // Each export gets a name of its own (layer, format, time to the millisecond); should one
          // exist all the same, it is refused rather than replaced: the app never replaces a file.
          assertOwnDataPath(corpus.root, out);
          await placeExport(tmp, out, false);
          return { exported: { path: out, documents: summary.documents, records: summary.records, problems: summary.problems.length, skipped: summary.skipped } };
        } catch (error) {
          stream.destroy();
          await fs.rm(tmp, { force: true });
          throw error;
        }
      });
      return { jobId };
    },
    importData: async ({ format, source, annotator, map, dryRun, replace }) => {
      const open = ctx.need();
      let current: ReturnType<HandlerContext['layer']> | undefined;
      try {
        current = ctx.layer();
      } catch {
        current = undefined;
      }
      if (options.pickPath && !picked.has(source)) throw new ApiError('forbidden', 'Choose the file or folder to import with Browse…: the app reads only what its dialog picked.');
      const stat = await fs.stat(source).catch(() => null);
      if (!stat) throw new ApiError('not-found', `Nothing at ${source}`);
      if (format === 'brat' ? !stat.isDirectory() : !stat.isFile()) throw new ApiError('invalid-args', format === 'brat' ? 'A brat import reads a folder of .ann files.' : 'A JSONL import reads one file.');
      const jobId = jobs.start('import', async (progress, signal) => {
        const report = await importLayer(open.corpus.root, source, { format, annotator, map, dryRun, replace, progress, signal, project: open.project, store: current, ...(current ? { registryWriter: current.annotator } : {}) });
        const imported: ImportReportView = report;
        return { imported };
      });
      return { jobId };
    },
    pickImportSource: async ({ kind }) => {
      if (!options.pickPath) throw new ApiError('unsupported', 'There is no file dialog in browser mode: type the path instead.');
      const chosen = await options.pickPath(kind);
      if (chosen) picked.add(chosen);
      return chosen ? { path: chosen } : null;
    },
    getJob: async ({ jobId }) => jobs.get(jobId),
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
