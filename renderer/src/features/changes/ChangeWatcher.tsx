/**
 * Keeps the open app current with what other processes change: tells main what it shows
 * (watchChanges, with the versions it knows) and, on each `changes` event, when the registry,
 * the open article or a shown layer changed on disk (another window, `quotebench suggest` or
 * `import` in a terminal, a colleague's sync), reloads that part and says so in a toast where it
 * matters. Renders nothing.
 */
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context.js';
import { useEvents } from '../../api/events.js';
import { useSession } from '../corpus/session-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { useNotices } from '../notices/notices-context.js';
import { useRegistry } from '../registry/registry-context.js';
import { useReview } from '../review/review-context.js';
import { describeChanges, documentChanges, TEXT_TOKEN } from './change-diff.js';

/** Pause after a refused watch before asking again. */
const RETRY_MS = 2_000;

/** This window's watcher ids start with this; each watch adds its own number. */
const WINDOW_ID = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
let watches = 0;

/** Mounted once inside the providers. */
export function ChangeWatcher() {
  const api = useApi();
  const events = useEvents();
  const { notify } = useNotices();
  const { state: session } = useSession();
  const registry = useRegistry();
  const document = useOpenDocument();
  const review = useReview();
  const corpus = session.session?.corpus?.path ?? null;
  const me = session.session?.annotator ?? null;
  const docId = document.state.phase === 'ready' ? document.state.docId : null;
  // The text shown now: an article already read again (the window's focus check got there first) is not news twice.
  const shownSha = useRef<string | null>(null);
  shownSha.current = document.state.opened?.doc.sha256 ?? null;
  const layers = [...new Set([me, document.viewLayer, ...(review.active ? [...review.colleagues, 'adjudicated'] : [])].filter((x): x is string => Boolean(x)))].sort();
  const layersKey = layers.join('\u0000');

  // The reload calls change identity with their providers' state; the listener reads them through a ref.
  const actions = useRef({ refreshRegistry: registry.refresh, retry: document.retry, reloadReview: review.reload, reviewActive: review.active, notify });
  actions.current = { refreshRegistry: registry.refresh, retry: document.retry, reloadReview: review.reload, reviewActive: review.active, notify };
  const registryRevision = useRef(-1);

  // A new corpus starts from its own registry revision (before the watch below asks with it).
  useEffect(() => {
    registryRevision.current = -1;
  }, [corpus]);

  useEffect(() => {
    if (!corpus || !me) return;
    let live = true;
    let tokens: Record<string, string> = {};
    let retry: ReturnType<typeof setTimeout> | undefined;
    const watched = layersKey ? layersKey.split('\u0000') : [];
    // A new id per watch: an unwatch of the last one that arrives late cannot end this one.
    const watcher = `${WINDOW_ID}-${(watches += 1)}`;
    const watch = async () => {
      const result = await api.watchChanges({ watcher, registry: registryRevision.current, ...(docId ? { docId, layers: watched } : {}), tokens });
      if (live && !result.ok) retry = setTimeout(() => void watch(), RETRY_MS);
    };
    const off = events.subscribe((event) => {
      if (!live) return;
      // The stream reopened: what main sent meanwhile may be lost, so it is told again what this window knows.
      if (event.type === 'stream-open') return void watch();
      if (event.type !== 'changes' || event.watcher !== watcher) return;
      const seen = event.seen;
      const a = actions.current;
      if (registryRevision.current >= 0 && seen.registry !== registryRevision.current) {
        // Usage counts are asked again by refresh when the speakers view wants them.
        a.refreshRegistry();
        for (const message of seen.notices) a.notify(message, 'info');
      }
      registryRevision.current = seen.registry;
      if (docId) {
        const found = documentChanges(tokens, seen.tokens, me);
        const changes = found.text && seen.tokens[TEXT_TOKEN] === shownSha.current ? { ...found, text: false } : found;
        if (changes.text || changes.own || (changes.others.length > 0 && !a.reviewActive)) a.retry();
        if (changes.others.length > 0 && a.reviewActive) a.reloadReview();
        const message = describeChanges(docId, changes);
        if (message) a.notify(message, 'info');
      }
      tokens = seen.tokens;
    });
    void watch();
    return () => {
      live = false;
      clearTimeout(retry);
      off();
      void api.unwatchChanges({ watcher });
    };
  }, [api, events, corpus, me, docId, layersKey]);

  return null;
}
