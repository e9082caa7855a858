/**
 * Scheduling of a parallel export: whether a corpus is worth starting workers for, and the
 * documents in contiguous batches over the calling thread and the pool's workers, written
 * strictly in document order.
 */
import fss from 'node:fs';
import path from 'node:path';
import { cooperative } from '../platform/cooperative.js';
import { INDEX_FILE } from '../corpus/corpus-index.js';
import { formatBatch, type BatchResult, type ExportSource, type FormatOptions } from './export-format.js';
import { slot, type ExportPool, type Slot } from './export-pool.js';

/** Documents per batch at most (about 1 MB of JSONL for 5 KB articles). */
const BATCH_DOCS = 100;

/**
 * Whether the corpus looks large enough for workers before it is opened: its index (about 200
 * bytes per article) says so. Workers then start while this thread opens the corpus; whether
 * they are used is decided on the real count, and a wrong guess only costs their start.
 */
export function looksLarge(corpusRoot: string, minDocs: number): boolean {
  try {
    return fss.statSync(path.join(corpusRoot, INDEX_FILE)).size >= minDocs * 100;
  } catch {
    return false;
  }
}

/**
 * The documents in batches over this thread and the pool's workers, written in document order.
 * This thread formats batches too, from the first on, and each worker joins once it has opened
 * the corpus, so a worker's start (tens to hundreds of ms) costs no waiting. Two loops share the
 * thread: one hands out batches (to a worker with room, else formats the batch here, giving the
 * event loop a turn every few ms), the other writes each answer as soon as its turn comes. At
 * most `window` batches are under way or waiting to be written, which keeps memory flat
 * whatever the corpus size. `mainTakes` (tests) fixes which batches this thread formats.
 */
export async function inParallel(src: ExportSource, format: FormatOptions, ids: readonly string[], threads: number, pool: ExportPool, emit: (r: BatchResult) => Promise<void>, mainTakes?: (batch: number) => boolean): Promise<void> {
  const size = Math.max(1, Math.min(BATCH_DOCS, Math.ceil(ids.length / (threads * 4))));
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  // Dropped once written: a settled promise kept here would keep its batch's output.
  const slots: (Slot | null)[] = batches.map(() => slot());
  const window = 2 + 2 * threads;
  let written = 0;
  let stopped = false;
  const wake: { producer?: () => void } = {};
  const writer = (async () => {
    try {
      for (let b = 0; b < batches.length; b += 1) {
        const result = await slots[b]!.promise;
        slots[b] = null;
        await emit(result);
        written = b + 1;
        wake.producer?.();
      }
    } finally {
      stopped = true;
      wake.producer?.();
    }
  })();
  // Awaited at the end: its failure must not count as unhandled while batches are still handed out.
  writer.catch(() => undefined);
  const pause = cooperative(5);
  for (let k = 0; k < batches.length && !stopped; k += 1) {
    while (!stopped && k >= written + window) await new Promise<void>((resolve) => (wake.producer = resolve));
    let here = mainTakes ? mainTakes(k) : !pool.hasRoom();
    if (mainTakes && !here) {
      await pool.room();
      here = !pool.hasRoom();
    }
    if (stopped) break;
    const s = slots[k]!;
    if (pool.failure) s.reject(pool.failure);
    else if (here) s.resolve(pool.local(await formatBatch(src, format, batches[k]!, pause, true, pool.takeLocal())));
    else s.resolve(pool.run(batches[k]!));
  }
  await writer;
}
