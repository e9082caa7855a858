/**
 * The one typed contract between the renderer and main: method names, argument schemas,
 * return types. The preload bridge, the HTTP server, the main-side dispatcher and the
 * renderer client are all built from API_METHODS, so a method missing on one side is a
 * compile error.
 */
import { z } from 'zod';
import type { DocStatus, DocumentInfo, DocumentText, ProjectFile, SkippedFile, Span } from './model.js';
import type { Result } from './result.js';

/** Annotator names become folder names: letters, digits, space, dot, dash, underscore. */
export const ANNOTATOR_NAME_RE = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

/** A document id: a corpus-relative path with `/` separators, never absolute, never `..`. */
export const docIdSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !s.startsWith('/') && !/^[a-zA-Z]:/.test(s) && !s.includes('\\') && !s.includes('\0'), 'must be a corpus-relative path')
  .refine((s) => s.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), 'must not contain empty, . or .. segments');

export const annotatorNameSchema = z
  .string()
  .regex(ANNOTATOR_NAME_RE, 'use 1-64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit')
  .refine((s) => s.trim() === s, 'must not start or end with a space');

const spanIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const labelSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/);
const offsetSchema = z.number().int().min(0).max(2 ** 31);
const empty = z.object({}).strict();

/** Runtime schemas of every method's arguments; main validates each call against these. */
export const apiArgs = {
  getSession: empty,
  setAnnotator: z.object({ name: annotatorNameSchema }).strict(),
  pickCorpus: empty,
  openRecent: z.object({ recentId: z.string().regex(/^[a-f0-9]{16}$/) }).strict(),
  closeCorpus: empty,
  listDocuments: empty,
  getProject: empty,
  getDocument: z.object({ docId: docIdSchema }).strict(),
  createSpan: z
    .object({
      docId: docIdSchema,
      /** Optional id chosen by the caller (used by redo so a span keeps its id). */
      id: spanIdSchema.optional(),
      start: offsetSchema,
      end: offsetSchema,
      label: labelSchema,
    })
    .strict()
    .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] }),
  deleteSpan: z.object({ docId: docIdSchema, spanId: spanIdSchema }).strict(),
  setStatus: z.object({ docId: docIdSchema, status: z.enum(['todo', 'in-progress', 'done']) }).strict(),
} as const;

export type ApiMethod = keyof typeof apiArgs;

/** Every method name, in a stable order: the preload and the HTTP client are built from it. */
export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

/** The arguments a caller passes to method M. */
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;

/** A corpus entry in the recent list. The renderer names it by `id`, never by path. */
export interface RecentCorpus {
  id: string;
  /** Shown to the user only. */
  path: string;
  name: string;
  openedAt: string;
}

/** The opened corpus as the renderer sees it. */
export interface CorpusInfo {
  /** Folder name. */
  name: string;
  /** Absolute path, for display only. */
  path: string;
  documentCount: number;
  skippedCount: number;
}

/** What the renderer needs to draw its first screen. */
export interface Session {
  mode: 'electron' | 'browser';
  /** The annotator's name, or null on first run (the UI then asks, defaulting to `defaultAnnotator`). */
  annotator: string | null;
  defaultAnnotator: string;
  corpus: CorpusInfo | null;
  recent: RecentCorpus[];
  /** False where no native folder dialog exists (browser mode). */
  canPickFolder: boolean;
}

export interface DocumentList {
  documents: DocumentInfo[];
  skipped: SkippedFile[];
  /** Problems met while listing (a damaged data file moved aside), one sentence each. */
  warnings: string[];
}

export interface OpenedDocument {
  doc: DocumentText;
  annotator: string;
  status: DocStatus;
  spans: Span[];
}

/** What each method returns on success. */
export interface ApiReturns {
  getSession: Session;
  setAnnotator: Session;
  /** null when the user cancelled the dialog. */
  pickCorpus: Session | null;
  openRecent: Session;
  closeCorpus: Session;
  listDocuments: DocumentList;
  getProject: ProjectFile;
  getDocument: OpenedDocument;
  createSpan: { span: Span; status: DocStatus };
  deleteSpan: { deleted: Span; status: DocStatus };
  setStatus: { status: DocStatus };
}

// Compile-time check that the schema table and the return table name the same methods.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameMethods: Exact<keyof ApiReturns, ApiMethod> = true;
void _sameMethods;

/** The API as the renderer calls it: one async function per method, never throwing. */
export type QuotebenchApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<Result<ApiReturns[M]>> };

/** The IPC channel name for a method. */
export function ipcChannel(method: ApiMethod): string {
  return `quotebench:${method}`;
}

/** The HTTP path for a method in browser mode. */
export function httpPath(method: ApiMethod): string {
  return `/api/${method}`;
}

/** Header carrying the per-run token in browser mode. */
export const TOKEN_HEADER = 'x-quotebench-token';

export type { Result };
