/**
 * The worker threads of a parallel export: ExportPool on the calling thread hands batches of
 * document ids to workers and gets their output back as UTF-8 bytes (moved, not copied), and
 * serveExport is a worker's side (export-worker.ts). Buffers go back to the thread that made
 * them once written out, so memory stays flat.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { ApiError, type ErrorCode } from '../../../shared/result.js';
import { formatBatch, openExportSource, type BatchResult, type FormatOptions } from './export-format.js';
import { startWorker, workerEntry } from '../platform/workers.js';

/** A promise settled from outside, for a batch whose answer comes later. */
export interface Slot {
  promise: Promise<BatchResult>;
  resolve: (r: BatchResult | Promise<BatchResult>) => void;
  reject: (e: unknown) => void;
}

/** A new Slot whose failure counts as handled until it is awaited. */
export function slot(): Slot {
  let settle!: Omit<Slot, 'promise'>;
  const promise = new Promise<BatchResult>((resolve, reject) => (settle = { resolve, reject }));
  // Awaited in document order: a failure must not count as unhandled while an earlier batch is awaited.
  promise.catch(() => undefined);
  return { promise, ...settle };
}

/** What a worker thread is started with (export-worker.ts). */
export interface ExportWorkerData {
  quotebenchExport: true;
  corpusRoot: string;
  options: FormatOptions;
  /** For a test's worker entry (ExportInternals.workerData). */
  test?: Record<string, unknown>;
}

/** A batch as it crosses between threads: the error as its message and code. */
export type PostedBatch = Omit<BatchResult, 'error'> & { error?: { message: string; code?: ErrorCode } };

/** Messages to a worker: a batch to format, or a buffer of its own back to use again. */
type ToWorker = { id: number; ids: readonly string[] } | { recycle: ArrayBuffer };

/** Messages from a worker: ready once it opened the corpus, then one answer per batch. */
export type WorkerMessage = { type: 'ready' } | { type: 'batch'; id: number; result: PostedBatch };

/** A batch's error in a form that crosses threads (an ApiError keeps its code). */
function postedBatch(r: BatchResult): PostedBatch {
  if (r.error === undefined) return r as PostedBatch;
  const error = r.error instanceof ApiError ? { message: r.error.message, code: r.error.code } : { message: r.error instanceof Error ? r.error.message : String(r.error) };
  return { ...r, error };
}

function receivedBatch(r: PostedBatch): BatchResult {
  if (!r.error) return r;
  return { ...r, error: r.error.code ? new ApiError(r.error.code, r.error.message) : new Error(r.error.message) };
}

/** Serves batches on `port` until the thread is terminated (the body of export-worker.ts). */
export async function serveExport(port: MessagePort, data: ExportWorkerData): Promise<void> {
  const src = await openExportSource(data.corpusRoot, data.options.annotator);
  let queue = Promise.resolve();
  // Buffers of earlier batches, written out and sent back by the main thread.
  const free: ArrayBuffer[] = [];
  port.on('message', (m: ToWorker) => {
    if ('recycle' in m) return void (free.length < 4 && free.push(m.recycle));
    queue = queue.then(async () => {
      const result = postedBatch(await formatBatch(src, data.options, m.ids, undefined, true, free.pop()));
      // The bytes move to the main thread without a copy.
      port.postMessage({ type: 'batch', id: m.id, result } satisfies WorkerMessage, [result.bytes!.buffer as ArrayBuffer]);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

/** A worker's young generation in MB: a batch's garbage dies young, and a small one keeps its memory small. */
const WORKER_YOUNG_MB = 8;

/** A worker on `url`, by default the entry next to this module (export-worker.js when compiled). */
function startExportWorker(url: URL | undefined, data: ExportWorkerData): Promise<Worker> {
  return startWorker(url ?? workerEntry('export-worker', import.meta.url), data, { maxYoungGenerationSizeMb: WORKER_YOUNG_MB });
}

/**
 * Worker threads, each opening the corpus and then answering batches of document ids. A worker
 * that cannot start is left out (this thread does its share; `warn` is told). Once a worker has
 * started, any failure of it (an uncaught error, an exit) fails every batch still waiting and
 * the pool, so the export stops with that message. close() terminates them all.
 */
export class ExportPool {
  private broken: Error | null = null;
  private closing = false;
  private nextId = 0;
  private readonly pending = new Map<number, Slot>();
  /** Started workers and their batches under way. */
  private readonly load = new Map<Worker, number>();
  private readonly answered = new Set<Worker>();
  /** Where each buffer in flight was made. */
  private readonly owner = new WeakMap<ArrayBuffer, Worker | 'here'>();
  private readonly freeHere: ArrayBuffer[] = [];
  private readonly workers: Worker[] = [];
  /** Workers being created (from sources: bundled first). */
  private readonly spawns: Promise<void>[] = [];
  private waiting: (() => void)[] = [];
  /** Workers still opening the corpus. */
  starting = 0;

  constructor(n: number, data: ExportWorkerData, url: URL | undefined, warn: (message: string) => void) {
    let warned = false;
    const warnOnce = (reason: string) => {
      if (!warned) warn(`a worker thread could not start (${reason}); the export goes on without it`);
      warned = true;
    };
    for (let i = 0; i < n; i += 1) {
      this.starting += 1;
      this.spawns.push(
        startExportWorker(url, data).then(
          (w) => this.adopt(w, warnOnce),
          (error: Error) => {
            this.starting -= 1;
            warnOnce(error.message);
            this.changed();
          },
        ),
      );
    }
  }

  private adopt(w: Worker, warnOnce: (reason: string) => void): void {
    this.workers.push(w);
    if (this.closing) return void w.terminate();
    // A failure before the worker said it was ready: it is left out, and nothing was given to it.
    const early = (reason: string) => {
      if (this.closing || this.load.has(w)) return false;
      this.starting -= 1;
      warnOnce(reason);
      void w.terminate();
      this.changed();
      return true;
    };
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        this.starting -= 1;
        this.load.set(w, 0);
      } else {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.load.set(w, this.load.get(w)! - 1);
        this.answered.add(w);
        if (m.result.bytes) this.owner.set(m.result.bytes.buffer as ArrayBuffer, w);
        p.resolve(receivedBatch(m.result));
      }
      this.changed();
    });
    w.on('error', (error) => early(error.message) || this.fail(`a worker thread failed: ${error.message}`));
    w.on('messageerror', (error) => this.fail(`a worker thread sent what cannot be read: ${error.message}`));
    w.on('exit', (code) => early(`exit code ${code}`) || this.fail(`a worker thread stopped (exit code ${code})`));
  }

  /** Workers that have started (and not failed). */
  get started(): number {
    return this.load.size;
  }

  /** Why the pool failed, once a started worker failed. */
  get failure(): Error | null {
    return this.broken;
  }

  /** Whether a started worker has fewer than two batches under way. */
  hasRoom(): boolean {
    for (const n of this.load.values()) if (n < 2) return true;
    return false;
  }

  /** Resolves once a worker has room, the pool failed, or no worker is left to start. */
  async room(): Promise<void> {
    while (!this.hasRoom() && !this.broken && this.starting + this.started > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private changed(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** The batch formatted by the least busy started worker (hasRoom() must be true). */
  run(ids: readonly string[]): Promise<BatchResult> {
    let worker: Worker | undefined;
    for (const [w, n] of this.load) if (worker === undefined || n < this.load.get(worker)!) worker = w;
    const s = slot();
    const id = this.nextId++;
    this.pending.set(id, s);
    this.load.set(worker!, this.load.get(worker!)! + 1);
    worker!.postMessage({ id, ids } satisfies ToWorker);
    return s.promise;
  }

  /** A batch formatted on this thread: its buffer comes back here once written. */
  local(r: BatchResult): BatchResult {
    if (r.bytes) this.owner.set(r.bytes.buffer as ArrayBuffer, 'here');
    return r;
  }

  /** A buffer for a batch formatted on this thread, when one was written out and is free. */
  takeLocal(): ArrayBuffer | undefined {
    return this.freeHere.pop();
  }

  /**
   * Buffers the sink is done with go back where they were made (a worker's without a copy):
   * no garbage for the collector, and none of this thread's memory waits for a full collection.
   */
  recycle(chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks) {
      const buffer = chunk.buffer as ArrayBuffer;
      const owner = this.owner.get(buffer);
      this.owner.delete(buffer);
      if (owner === 'here') {
        if (this.freeHere.length < 2) this.freeHere.push(buffer);
      } else if (owner && this.load.has(owner) && !this.broken && !this.closing) owner.postMessage({ recycle: buffer } satisfies ToWorker, [buffer]);
    }
  }

  /** How many workers answered at least one batch. */
  used(): number {
    return this.answered.size;
  }

  private fail(message: string): boolean {
    if (this.closing) return true;
    this.broken ??= new Error(`export: ${message}`);
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(this.broken);
    }
    this.changed();
    return true;
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    this.closing = true;
    this.changed();
    await Promise.all(this.spawns);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
