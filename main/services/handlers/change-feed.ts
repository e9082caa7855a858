/**
 * What other processes changed, for the open app: the registry (folded again from the logs), the
 * open document's article, your own layer of it (written by a CLI run or another window) and the
 * colleagues' layers shown beside it. The window says what it shows (`watchChanges`) and main
 * publishes a `changes` event whenever a version differs from the last it sent; `waitForChanges`
 * answers the same as a long poll (the CLI, tests). Versions are derived from the files (stat
 * signatures, the text's sha256) and the registry's revision, so several windows can watch at once.
 */
import type { AppEvent } from '../../../shared/events.js';
import { ApiError } from '../../../shared/result.js';
import type { OpenCorpus } from './context.js';
import { fileSignature, layerFile, type LayerStore } from '../store/annotations.js';

/** How often a waiting call looks at the files again. */
export const CHANGE_POLL_MS = 300;

/** The key under which the article's version travels beside the layers' versions. */
export const TEXT_TOKEN = ':text';

export interface WaitArgs {
  registry: number;
  docId?: string;
  layers: string[];
  tokens: Record<string, string>;
  timeoutMs: number;
}

/** What one window watches, and the versions it was last told of. */
export type WatchArgs = Omit<WaitArgs, 'timeoutMs'>;

/** At most this many watches at once: a browser tab closed without saying so leaves one behind, the oldest goes first. */
export const MAX_WATCHES = 16;

export interface WaitAnswer {
  registry: number;
  notices: string[];
  tokens: Record<string, string>;
}

/**
 * The app's change feed. `own()` is the current annotator's layer store (null without one): a
 * change to its files that it did not write itself counts as a change, and its cached copy is
 * dropped so the next read sees the file as it is now.
 */
export class ChangeFeed {
  /** Registry notices by the revision they arrived at (the latest 100). */
  private notices: { revision: number; message: string }[] = [];
  /** Per own layer file: the signature last seen and how many outside changes were counted. */
  private ownSeen = new Map<string, { signature: string; version: number }>();
  /** The running watches by watcher id; each stops itself when its corpus closes. */
  private watches = new Map<string, { stop(): void }>();

  constructor(
    private readonly open: () => OpenCorpus,
    private readonly own: () => LayerStore | null,
  ) {}

  /** Folds the registry logs again; keeps what others did for the callers that wait. */
  async refreshRegistry(self?: string): Promise<number> {
    const { project } = this.open();
    await project.refresh(self);
    for (const n of project.takeNotices()) this.notices.push({ revision: project.revision, message: n.message });
    if (this.notices.length > 100) this.notices.splice(0, this.notices.length - 100);
    return project.revision;
  }

  /** The versions of what the caller watches, now. */
  async tokens(docId: string | undefined, layers: readonly string[]): Promise<Record<string, string>> {
    if (!docId) return {};
    const open = this.open();
    const out: Record<string, string> = {};
    try {
      out[TEXT_TOKEN] = (await open.corpus.readText(docId)).sha256;
    } catch (error) {
      if (!(error instanceof ApiError) && !(error instanceof Error)) throw error;
      out[TEXT_TOKEN] = 'unreadable';
    }
    const store = this.own();
    for (const annotator of layers) {
      const file = layerFile(open.corpus.root, annotator, docId);
      if (store && annotator === store.annotator) out[annotator] = `own:${this.ownVersion(store, docId, file)}`;
      else out[annotator] = fileSignature(file);
    }
    return out;
  }

  /** Counts changes to your own layer file that this process did not write. */
  private ownVersion(store: LayerStore, docId: string, file: string): number {
    const signature = fileSignature(file);
    const seen = this.ownSeen.get(file);
    if (!seen) {
      this.ownSeen.set(file, { signature, version: 0 });
      return 0;
    }
    if (seen.signature === signature) return seen.version;
    seen.signature = signature;
    // The store reads the file again by itself at its next use: its identity changed.
    if (store.wroteSignature(docId) !== signature) seen.version += 1;
    return seen.version;
  }

  /**
   * Looks at what `args` names every CHANGE_POLL_MS (the first time at once) and publishes a
   * `changes` event for `watcher` whenever the registry or a version differs from the last one
   * sent (at first, from what the window knows). Replaces that watcher's earlier watch; stops on
   * unwatch, or when `isClosed` says the corpus it watched is gone.
   */
  watch(watcher: string, args: WatchArgs, publish: (event: AppEvent) => void, self?: string, isClosed: () => boolean = () => false): void {
    this.unwatch(watcher);
    if (this.watches.size >= MAX_WATCHES) this.unwatch(this.watches.keys().next().value!);
    let known = { registry: args.registry, tokens: args.tokens };
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
    };
    this.watches.set(watcher, { stop });
    const tick = async () => {
      if (stopped) return;
      if (isClosed()) return void this.unwatch(watcher);
      try {
        const registry = await this.refreshRegistry(self);
        const tokens = await this.tokens(args.docId, args.layers);
        if (stopped) return;
        if (registry !== known.registry || Object.keys(tokens).some((k) => tokens[k] !== known.tokens[k])) {
          const notices = known.registry < 0 ? [] : this.notices.filter((n) => n.revision > known.registry).map((n) => n.message);
          known = { registry, tokens };
          publish({ type: 'changes', watcher, seen: { registry, notices, tokens } });
        }
      } catch {
        // The corpus went away mid-look (closed, moved): isClosed ends the watch on the next tick.
      }
      if (!stopped) timer = setTimeout(() => void tick(), CHANGE_POLL_MS);
    };
    void tick();
  }

  /** Ends a watch; false when there was none. */
  unwatch(watcher: string): boolean {
    const watch = this.watches.get(watcher);
    watch?.stop();
    return this.watches.delete(watcher);
  }

  /** Ends every watch (the app is closing). */
  unwatchAll(): void {
    for (const id of [...this.watches.keys()]) this.unwatch(id);
  }

  /** Answers as soon as the registry or a watched version differs from what the caller knows, else after `timeoutMs`. */
  async wait(args: WaitArgs, self?: string, isClosed: () => boolean = () => false): Promise<WaitAnswer> {
    const deadline = Date.now() + args.timeoutMs;
    for (;;) {
      const registry = await this.refreshRegistry(self);
      const tokens = await this.tokens(args.docId, args.layers);
      const changed = registry !== args.registry || Object.keys(tokens).some((k) => tokens[k] !== args.tokens[k]);
      if (changed || Date.now() >= deadline || isClosed()) {
        const notices = args.registry < 0 ? [] : this.notices.filter((n) => n.revision > args.registry).map((n) => n.message);
        return { registry, notices, tokens };
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(CHANGE_POLL_MS, Math.max(0, deadline - Date.now()))));
    }
  }
}
