import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiArgs, DocumentReview, LayerInfo } from '../../../../shared/api.js';
import { useApi } from '../../api/api-context.js';
import { useSession } from '../corpus/session-context.js';
import { useDocumentList } from '../document-list/list-context.js';
import { useNotices } from '../notices/notices-context.js';
import { nextConflictKey, nextItemKey, ReviewContext } from './review-context.js';

/** Owns review mode. The review of the open document reloads when the document or colleagues change. */
export function ReviewProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { notify } = useNotices();
  const { state: session } = useSession();
  const list = useDocumentList();
  const [layers, setLayers] = useState<LayerInfo[]>([]);
  const [colleagues, setColleagues] = useState<string[]>([]);
  const [review, setReview] = useState<DocumentReview | null>(null);
  const [docCounts, setDocCounts] = useState<Map<string, DocumentReview['counts']>>(new Map());
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [recount, setRecount] = useState(0);
  const docId = list.state.openDocId;
  const active = colleagues.length > 0;
  const reviewRef = useRef(review);
  reviewRef.current = review;

  const corpusKey = `${session.session?.corpus?.path ?? ''}\u0000${session.session?.annotator ?? ''}`;
  useEffect(() => {
    setColleagues([]);
    setReview(null);
    setDocCounts(new Map());
  }, [corpusKey]);

  const refreshLayers = useCallback(() => {
    void api.listLayers({}).then((r) => (r.ok ? setLayers(r.value.layers) : undefined));
  }, [api]);
  useEffect(() => {
    if (session.session?.corpus && session.session.annotator) refreshLayers();
  }, [corpusKey, refreshLayers, session.session?.corpus, session.session?.annotator]);

  const remember = useCallback((id: string, r: DocumentReview) => {
    setDocCounts((m) => new Map(m).set(id, r.counts));
  }, []);

  useEffect(() => {
    if (!active || !docId) {
      setReview(null);
      return;
    }
    let live = true;
    void api.getReview({ docId, annotators: colleagues }).then((r) => {
      if (!live) return;
      if (!r.ok) return notify(`Cannot review ${docId}: ${r.error.message}`);
      setReview(r.value);
      remember(docId, r.value);
      setSelectedKey((key) => (key && r.value.items.some((i) => i.key === key) ? key : nextItemKey(r.value.items, null, 1)));
    });
    return () => {
      live = false;
    };
  }, [api, active, docId, colleagues, notify, remember]);


  // Counts for every document in the list, so review progress shows at a glance.
  useEffect(() => {
    if (!active) return;
    let live = true;
    void (async () => {
      for (const d of list.state.documents) {
        if (!live) return;
        const r = await api.getReview({ docId: d.id, annotators: colleagues });
        if (live && r.ok) remember(d.id, r.value);
      }
    })();
    return () => {
      live = false;
    };
  }, [api, active, colleagues, list.state.documents, remember, recount]);

  const start = useCallback((names: string[]) => setColleagues(names), []);
  const stop = useCallback(() => setColleagues([]), []);
  const step = useCallback((delta: 1 | -1, conflicts = false) => {
    const r = reviewRef.current;
    if (r) setSelectedKey((key) => (conflicts ? nextConflictKey : nextItemKey)(r.items, key, delta));
  }, []);

  const show = useCallback(
    (id: string, next: DocumentReview, select: string | null) => {
      remember(id, next);
      if (id === docId) setReview(next);
      if (select !== null) setSelectedKey(select);
    },
    [docId, remember],
  );

  // Accepting every unanimous span is an undoable edit (features/history), which calls this after it,
  // its undo and its redo; the change feed calls it when a colleague's layer changed on disk.
  const reload = useCallback(() => {
    refreshLayers();
    if (docId && colleagues.length > 0) {
      void api.getReview({ docId, annotators: colleagues }).then((again) => {
        if (!again.ok) return;
        setReview(again.value);
        remember(docId, again.value);
      });
    }
    setRecount((n) => n + 1);
  }, [api, docId, colleagues, remember, refreshLayers]);

  const editAccepted = useCallback(
    async (spanId: string, patch: ApiArgs<'editAdjudicated'>['patch']) => {
      if (!docId) return;
      const r = await api.editAdjudicated({ docId, annotators: colleagues, spanId, patch });
      if (!r.ok) return notify(`Not recorded: ${r.error.message}`);
      setReview(r.value);
    },
    [api, docId, colleagues, notify],
  );

  const value = useMemo(
    () => ({ layers, refreshLayers, active, colleagues, review, docCounts, selectedKey, start, stop, select: setSelectedKey, step, show, reload, editAccepted }),
    [layers, refreshLayers, active, colleagues, review, docCounts, selectedKey, start, stop, step, show, reload, editAccepted],
  );
  return <ReviewContext.Provider value={value}>{children}</ReviewContext.Provider>;
}
