/**
 * The composition root of the main-side services: one handler per API method over the corpus,
 * the project file, the annotator's layer and the app settings. The Electron main process, the
 * browser-mode server, the CLI and the e2e harness all build their API from this.
 */
import os from 'node:os';
import { ANNOTATOR_NAME_RE, type CorpusInfo, type CorpusProgress, type Session } from '../../shared/api.js';
import type { DocumentInfo } from '../../shared/model.js';
import { ApiError } from '../../shared/result.js';
import { LayerStore } from './store/annotations.js';
import { Corpus } from './corpus/corpus.js';
import type { ListedInfo } from './corpus/corpus-index.js';
import { createDispatch, type Dispatch, type Handlers } from './handlers/dispatch.js';
import type { HandlerContext, OpenCorpus } from './handlers/context.js';
import { openProject } from './store/project.js';
import { insightHandlers } from './handlers/insight-handlers.js';
import { registryHandlers } from './handlers/registry-handlers.js';
import { openSettings, recentId, touchRecent } from './store/settings.js';
import { spanHandlers } from './handlers/span-handlers.js';
import { documentHandlers } from './handlers/document-handlers.js';
import { dataHandlers } from './handlers/data-handlers.js';
import { reviewHandlers } from './handlers/review-handlers.js';
import { suggestHandlers } from './handlers/suggest-handlers.js';
import { releaseLayerLocks } from './store/layer-lock.js';
import { ChangeFeed } from './handlers/change-feed.js';
import { EventBus, throttled } from './handlers/event-bus.js';

export interface AppOptions {
  /** Where settings.json lives (Electron: userData; CLI: $QUOTEBENCH_HOME). */
  settingsDir: string;
  mode: 'electron' | 'browser';
  /** The native folder dialog; absent in browser mode. */
  pickFolder?: () => Promise<string | null>;
  /** The native open dialog for an import source (a file, or a brat folder); absent in browser mode. */
  pickPath?: (kind: 'file' | 'folder') => Promise<string | null>;
  /** Opened at start instead of the last corpus. */
  initialCorpus?: string | null;
  /** Opened at start when there is no initial corpus and no recent one at all (npm start's sample corpus). */
  firstRunCorpus?: string | null;
  defaultAnnotator?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface QuotebenchApp {
  handlers: Handlers;
  dispatch: Dispatch;
  /** What main tells the window unasked (shared/events.ts); each shell's transport subscribes. */
  events: EventBus;
  corpusRoot(): string | null;
  close(): Promise<void>;
}

/** The document list's rows: each article's facts with its span count and status. */
function listRows(docs: readonly ListedInfo[], counts: readonly Pick<DocumentInfo, 'spanCount' | 'status'>[]): DocumentInfo[] {
  return docs.map((d, i) => ({ id: d.id, title: d.title, bytes: d.bytes, length: d.length, sha256: d.sha256, spanCount: counts[i]!.spanCount, status: counts[i]!.status }));
}

/** The OS user name made into a valid annotator name. */
export function osAnnotatorName(): string {
  let name = '';
  try {
    name = os.userInfo().username;
  } catch {
    name = '';
  }
  name = name.replace(/[^\p{L}\p{N} ._-]/gu, '').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 64).trim();
  return ANNOTATOR_NAME_RE.test(name) ? name : 'annotator';
}

/** Builds the services and their handler table. */
export async function createApp(options: AppOptions): Promise<QuotebenchApp> {
  const log = options.log ?? ((m: string, e?: unknown) => console.error(m, e ?? ''));
  const startupWarnings: string[] = [];
  const settings = await openSettings(options.settingsDir, (m) => startupWarnings.push(m));
  let current: OpenCorpus | null = null;
  const layers = new Map<string, LayerStore>();
  const events = new EventBus(log);
  /** What long corpus work is doing now, for getCorpusProgress and `corpus-progress` events; null when idle. */
  let progress: CorpusProgress | null = null;
  const sendProgress = throttled((event) => events.publish(event));
  const setProgress = (next: CorpusProgress | null) => {
    progress = next;
    sendProgress({ type: 'corpus-progress', progress: next }, next === null);
  };

  /** Every listed file decoded, reporting progress (the first time decodes them all). */
  async function describeCorpus(corpus: Corpus): ReturnType<Corpus['describe']> {
    try {
      return await corpus.describe((done, total) => setProgress({ phase: 'reading', done, total }));
    } finally {
      setProgress(null);
    }
  }

  async function openFolder(folder: string): Promise<void> {
    const warnings: string[] = [];
    // The scan waits until something needs the files: a reopened corpus can be listed from its index first.
    const corpus = await Corpus.open(folder, Number.MAX_SAFE_INTEGER, { createDataDir: true, deferScan: true });
    if (current) await releaseLayerLocks(current.corpus.root);
    const project = await openProject(corpus.root, (m) => warnings.push(m));
    corpus.setMaxFileBytes(project.data.settings.maxFileBytes);
    current = { corpus, project, warnings };
    layers.clear();
    touchRecent(settings.data, corpus.root, new Date().toISOString());
    await settings.write();
  }

  const initial = options.initialCorpus ?? settings.data.lastCorpus ?? (settings.data.recent.length === 0 ? (options.firstRunCorpus ?? null) : null);
  if (initial) {
    try {
      await openFolder(initial);
    } catch (error) {
      // A last corpus that moved away is not an error at start: show the welcome screen.
      if (options.initialCorpus) throw error;
      log(`quotebench: could not reopen ${initial}`, error);
    }
  }

  function need(): OpenCorpus {
    if (!current) throw new ApiError('no-corpus', 'No corpus is open. Open a corpus folder first.');
    return current;
  }

  function layer(): LayerStore {
    const { corpus } = need();
    const annotator = settings.data.annotator;
    if (!annotator) throw new ApiError('no-annotator', 'Set your annotator name first.');
    let store = layers.get(annotator);
    if (!store) {
      store = new LayerStore(corpus.root, annotator, { textOf: (docId) => corpus.readText(docId) });
      layers.set(annotator, store);
    }
    return store;
  }

  function corpusInfo(): CorpusInfo | null {
    if (!current) return null;
    return { name: current.corpus.name, path: current.corpus.root, documentCount: -1, skippedCount: -1 };
  }

  async function session(): Promise<Session> {
    const info = corpusInfo();
    if (info && current) {
      const { docs, skipped } = current.corpus.provisionalListing() ?? (await describeCorpus(current.corpus));
      info.documentCount = docs.length;
      info.skippedCount = skipped.length;
    }
    return {
      mode: options.mode,
      annotator: settings.data.annotator,
      defaultAnnotator: options.defaultAnnotator ?? osAnnotatorName(),
      corpus: info,
      recent: settings.data.recent.map((r) => ({ id: recentId(r.path), path: r.path, name: r.path.split(/[\\/]/).filter(Boolean).pop() ?? r.path, openedAt: r.openedAt })),
      canPickFolder: Boolean(options.pickFolder),
    };
  }

  const ctx: HandlerContext = { need, layer };
  const feed = new ChangeFeed(need, () => (settings.data.annotator && current ? layer() : null));

  const handlers: Handlers = {
    ...spanHandlers(ctx),
    ...registryHandlers(ctx),
    ...insightHandlers(ctx),
    ...dataHandlers(ctx, { pickPath: options.pickPath, publish: (event) => events.publish(event) }),
    ...reviewHandlers(ctx),
    ...suggestHandlers(ctx),
    ...documentHandlers(ctx),
    getSession: async () => session(),
    setAnnotator: async ({ name }) => {
      // Another name writes another layer: this one's lock is let go.
      if (current && settings.data.annotator !== name) await releaseLayerLocks(current.corpus.root);
      settings.data.annotator = name;
      await settings.write();
      return session();
    },
    pickCorpus: async () => {
      if (!options.pickFolder) throw new ApiError('unsupported', 'There is no folder dialog in browser mode: start `quotebench serve FOLDER` to open another corpus.');
      const folder = await options.pickFolder();
      if (!folder) return null;
      await openFolder(folder);
      return session();
    },
    openRecent: async ({ recentId: id }) => {
      const entry = settings.data.recent.find((r) => recentId(r.path) === id);
      if (!entry) throw new ApiError('not-found', 'That corpus is no longer in the recent list.');
      await openFolder(entry.path);
      return session();
    },
    closeCorpus: async () => {
      // A closed corpus is written no more: its locks go, so the CLI or another window can write.
      if (current) await releaseLayerLocks(current.corpus.root);
      current = null;
      layers.clear();
      settings.data.lastCorpus = null;
      await settings.write();
      return session();
    },
    listDocuments: async ({ provisional }) => {
      const open = need();
      const store = layer();
      if (provisional) {
        // A corpus just reopened: the list as the index last saw it, before any stat; the
        // renderer asks again at once for the list checked by size and mtime (below).
        const listing = open.corpus.provisionalListing();
        const counts = listing && store.provisionalSummaries(listing.docs.map((d) => d.id), open.corpus.index);
        if (listing && counts) {
          return { documents: listRows(listing.docs, counts), skipped: [...listing.skipped], warnings: [], provisional: true as const };
        }
      }
      setProgress({ phase: 'scanning', done: 0, total: 0 });
      await open.corpus.refresh().finally(() => setProgress(null));
      const { docs, skipped } = await describeCorpus(open.corpus);
      const warnings = [...startupWarnings, ...open.warnings];
      setProgress({ phase: 'annotations', done: 0, total: docs.length });
      const counts = await store
        .summaries(
          docs.map((d) => d.id),
          open.corpus.index,
          (m) => warnings.push(m),
          (done) => setProgress({ phase: 'annotations', done, total: docs.length }),
        )
        .finally(() => setProgress(null));
      const documents = listRows(docs, counts);
      await open.corpus.index.save();
      return { documents, skipped, warnings };
    },
    getProject: async () => {
      const { project } = need();
      await project.refresh(settings.data.annotator ?? undefined);
      return project.data;
    },
    getCorpusProgress: async () => progress,
    waitForChanges: async (args) => {
      const root = need().corpus.root;
      // A corpus closed or switched while waiting answers at once; the renderer starts again.
      return feed.wait(args, settings.data.annotator ?? undefined, () => current?.corpus.root !== root);
    },
    watchChanges: async ({ watcher, ...args }) => {
      const root = need().corpus.root;
      feed.watch(watcher, args, (event) => events.publish(event), settings.data.annotator ?? undefined, () => current?.corpus.root !== root);
      return { watching: true as const };
    },
    unwatchChanges: async ({ watcher }) => ({ watching: feed.unwatch(watcher) }),
  };

  return {
    handlers,
    dispatch: createDispatch(handlers, log),
    events,
    corpusRoot: () => current?.corpus.root ?? null,
    async close() {
      feed.unwatchAll();
      const root = current?.corpus.root;
      current = null;
      layers.clear();
      if (root) await releaseLayerLocks(root);
    },
  };
}

