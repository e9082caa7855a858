/**
 * The one typed channel from main to the renderer: what main tells the window without being
 * asked (job progress, corpus progress, changes on disk). Each event is a zod schema here and its type is derived
 * from it, as the API's arguments are in api.ts; the Electron shell, the browser-mode stream and
 * the e2e harness all carry these values unchanged.
 */
import { z } from 'zod';
import type { ChangesSeen, CorpusProgress, JobStatus } from './api.js';

const count = z.number().int().min(0);

/** A running or finished export or import, as getJob answers it. */
export const jobStatusSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['export', 'import']),
  done: count,
  total: count,
  finished: z.boolean(),
  error: z.string().nullable(),
  cancelled: z.boolean().optional(),
  exported: z
    .object({
      path: z.string(),
      documents: count,
      records: count,
      problems: count,
      skipped: z.array(z.object({ docId: z.string(), message: z.string() })).optional(),
    })
    .optional(),
  imported: z
    .object({
      documents: z.array(z.object({ docId: z.string(), spans: count, relations: count })),
      newLabels: z.array(z.string()),
      newSpeakers: count,
      newTargets: count,
      problems: z.array(z.object({ file: z.string(), line: z.number().int(), message: z.string() })),
      written: z.boolean(),
    })
    .optional(),
});

/** Long corpus work under way, or null when it ended. */
export const corpusProgressSchema = z.object({ phase: z.enum(['scanning', 'reading', 'annotations']), done: count, total: count }).nullable();

/** Every event main sends, told apart by `type`. */
export const appEventSchema = z.discriminatedUnion('type', [
  /** A job's progress or outcome: sent as it advances (at most every PROGRESS_EVERY_MS) and once when it ends. */
  z.object({ type: z.literal('job'), job: jobStatusSchema }).strict(),
  /** How far opening or listing the corpus has got; `progress: null` when that work ended. */
  z.object({ type: z.literal('corpus-progress'), progress: corpusProgressSchema }).strict(),
  /** What a watch (watchChanges) saw change: the registry and versions now, and what others did to the registry since. */
  z
    .object({
      type: z.literal('changes'),
      watcher: z.string(),
      seen: z.object({ registry: z.number().int(), notices: z.array(z.string()), tokens: z.record(z.string(), z.string()) }),
    })
    .strict(),
  /** The channel (re)opened (browser mode's stream): events sent before it may have been missed, so state is read again. */
  z.object({ type: z.literal('stream-open') }).strict(),
]);

/** One event from main. */
export type AppEvent = z.output<typeof appEventSchema>;
/** The names of the events. */
export type AppEventType = AppEvent['type'];

/** Progress events of one job or of the corpus are sent at most this often (the last one always). */
export const PROGRESS_EVERY_MS = 100;

/** The IPC channel main sends events on (Electron). */
export const EVENT_CHANNEL = 'quotebench:event';

/** Browser mode: the streaming response that carries events, one JSON object per line. */
export const EVENTS_PATH = '/api/events';

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** Where the renderer gets events: the preload's bridge, the browser-mode stream, or a test's. */
export interface EventSource {
  subscribe(listener: (event: AppEvent) => void): Unsubscribe;
}

// Compile-time checks that the wire schemas and the API's types describe the same values.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameJob: Exact<z.output<typeof jobStatusSchema>, JobStatus> = true;
const _sameProgress: Exact<z.output<typeof corpusProgressSchema>, CorpusProgress | null> = true;
const _sameChanges: Exact<Extract<z.output<typeof appEventSchema>, { type: 'changes' }>['seen'], ChangesSeen> = true;
void _sameChanges;
void _sameJob;
void _sameProgress;
