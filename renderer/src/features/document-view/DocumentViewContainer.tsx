import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { splitParagraphs } from '../../../../shared/text.js';
import { useSession } from '../corpus/session-context.js';
import { useDocumentList } from '../document-list/list-context.js';
import { useNotices } from '../notices/notices-context.js';
import { useCommandHandlers, type CommandCall } from '../keymap/keymap-context.js';
import { moveCaret } from './caret-motion.js';
import { FindBar } from '../find/FindBar.js';
import { REVIEW_COLORS } from '../review/ReviewPanel.js';
import { reviewPseudoSpans } from '../review/review-spans.js';
import { useReview } from '../review/review-context.js';
import { useEdits } from '../history/edit-context.js';
import { useOpenDocument } from './document-context.js';
import { neighbourSpanId } from './document-reducer.js';
import { DocumentHeader } from './DocumentHeader.js';
import { DocumentText } from './DocumentText.js';
import { EmptyDocument } from './EmptyDocument.js';
import { OrphanBar } from './OrphanBar.js';
import { bucketByParagraph, shareBuckets, toDrawnSpans, type DrawnSpan } from './highlight-layout.js';
import { NewSpanHighlights, adoptStyles, newSpanHighlightCss, newSpanHighlightName, textRange } from './custom-highlights.js';
import type { SpanPreview } from '../history/edit-context.js';
import { prepareSelection } from './prepare-selection.js';
import { useTextSelection } from './use-text-selection.js';
import { motionForKey } from './view-keys.js';
import { SuggestionGhosts } from '../suggest/SuggestionGhosts.js';
import { useSuggestions } from '../suggest/suggest-context.js';
import { Kbd } from '../../ui/Kbd.js';

/** The centre pane: the open document's text with its highlights, keyboard selection and label keys. */
export function DocumentViewContainer() {
  const doc = useOpenDocument();
  const { labels, state: sessionState } = useSession();
  const me = sessionState.session?.annotator ?? '';
  const list = useDocumentList();
  const { notify } = useNotices();
  const viewRef = useRef<HTMLDivElement>(null);
  const columnRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const caretRef = useRef<HTMLDivElement>(null);

  const { state, offsets, selectSpan } = doc;
  const { createSpan, deleteSelected, toggleDone, addFragment, placeOrphan, deleteOrphan } = useEdits();
  const ready = state.phase === 'ready' && state.opened !== null && offsets !== null;
  const opened = state.opened;
  const text = opened?.doc.text ?? '';
  const spans = opened?.spans;
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const review = useReview();
  const reviewing = review.active && review.review !== null;
  const suggest = useSuggestions();
  // In review mode the text shows review items (one per group of versions), coloured by state.
  const reviewSpans = useMemo(() => (reviewing && review.review ? reviewPseudoSpans(review.review.items, state.docId ?? '') : null), [reviewing, review.review, state.docId]);
  const drawn = useMemo(() => {
    const shown = reviewSpans ?? spans;
    return shown && offsets ? toDrawnSpans(shown, offsets) : [];
  }, [reviewSpans, spans, offsets]);
  // Unchanged paragraphs keep their old bucket, so an edit re-renders only the paragraphs it touches.
  const lastBuckets = useRef<readonly (readonly DrawnSpan[])[] | null>(null);
  const buckets = useMemo(() => shareBuckets(lastBuckets.current, bucketByParagraph(drawn, paragraphs)), [drawn, paragraphs]);
  lastBuckets.current = buckets;
  const colors = useMemo(
    () => (reviewSpans ? new Map(Object.entries(REVIEW_COLORS)) : new Map(labels.map((l) => [l.name, l.color]))),
    [labels, reviewSpans],
  );
  const keyToLabel = useMemo(() => new Map(labels.filter((l) => l.key !== '').map((l) => [l.key.toLowerCase(), l.name])), [labels]);
  const selection = useTextSelection({ viewRef, columnRef, textRef, caretRef }, text.length, ready ? state.docId : null);

  const [find, setFind] = useState<{ from: number } | null>(null);
  useEffect(() => setFind(null), [state.docId]);
  const closeFind = useCallback(
    (hit: [number, number] | null) => {
      setFind(null);
      viewRef.current?.focus({ preventScroll: true });
      if (hit) selection.set(hit[0], hit[1]);
    },
    [selection],
  );

  const info = useMemo(() => list.state.documents.find((d) => d.id === state.docId) ?? null, [list.state.documents, state.docId]);

  useEffect(() => {
    if (!ready) return;
    viewRef.current?.scrollTo({ top: 0 });
  }, [ready, state.docId]);

  // Paragraphs that came near the view redrew with their highlights: their text nodes are new.
  const [drawnVersion, setDrawnVersion] = useState(0);
  const onDrawn = useCallback(() => setDrawnVersion((n) => n + 1), []);
  const renderVersion = useMemo(() => ({ buckets, drawnVersion }), [buckets, drawnVersion]);

  // An edit re-renders the touched paragraphs; the DOM selection must follow the new nodes.
  useLayoutEffect(() => {
    if (ready) selection.sync();
  }, [ready, renderVersion, selection]);

  // A new span is painted as a custom highlight in its keypress's frame (no DOM change, only
  // paint); React draws its element in the frame after, and this commit takes the highlight
  // away, so no frame shows neither or both.
  const newSpans = useMemo(() => new NewSpanHighlights(), []);
  useLayoutEffect(() => {
    if (newSpans.size === 0) return;
    const ids = new Set(drawn.map((d) => d.id));
    newSpans.dropDrawn((id) => ids.has(id));
  }, [drawn, newSpans]);
  useEffect(() => () => newSpans.clear(), [newSpans, state.docId]);
  useEffect(() => (newSpans.supported ? adoptStyles(document, newSpanHighlightCss(labels)) : undefined), [newSpans, labels]);
  const previewSpan = useCallback(
    (start: number, end: number, label: string): SpanPreview | undefined => {
      const index = labels.findIndex((l) => l.name === label);
      if (!newSpans.supported || index < 0) return undefined;
      return {
        show: (spanId) => {
          const range = textRef.current ? textRange(textRef.current, start, end) : null;
          return range !== null && newSpans.show(spanId, range, newSpanHighlightName(index));
        },
        drop: (spanId) => newSpans.drop(spanId),
      };
    },
    [labels, newSpans],
  );

  const scrollSpanIntoView = useCallback((spanId: string) => {
    const find = () => textRef.current?.querySelector(`[data-span-ids~="${CSS.escape(spanId)}"]`);
    const el = find();
    if (el) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // A paragraph far from the view draws the span once it is selected: after that render.
    else requestAnimationFrame(() => find()?.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  }, []);

  // A search hit waits for its document, then is shown: the span selected, or the text selected.
  const revealTarget = state.reveal;
  const { reveal } = doc;
  useEffect(() => {
    if (!ready || !revealTarget || revealTarget.docId !== state.docId || !offsets) return;
    reveal(null);
    if (revealTarget.spanId && state.opened?.spans.some((s) => s.id === revealTarget.spanId)) {
      selectSpan(revealTarget.spanId);
      requestAnimationFrame(() => scrollSpanIntoView(revealTarget.spanId!));
    }
    viewRef.current?.focus({ preventScroll: true });
    selection.set(offsets.toUtf16(revealTarget.start), offsets.toUtf16(revealTarget.end));
  }, [ready, revealTarget, state.docId, state.opened, offsets, reveal, selectSpan, selection, scrollSpanIntoView]);

  /** Runs `act` on the selection (snapped and trimmed), then puts the caret at its end; says `hint` when nothing is selected. */
  const actOnSelection = useCallback(
    async (hint: string, act: (start16: number, end16: number) => Promise<boolean>) => {
      const { anchor, focus } = selection.read();
      const range = prepareSelection(text, anchor, focus);
      if (!range) {
        notify(hint, 'info');
        return;
      }
      if (await act(range.start, range.end)) selection.set(range.end, range.end);
    },
    [selection, text, notify],
  );

  const applyLabel = useCallback(
    (label: string) => actOnSelection(`Select some text first, then press the key for ${label}.`, (start, end) => createSpan(start, end, label, previewSpan(start, end, label))),
    [actOnSelection, createSpan, previewSpan],
  );

  /** A: adds the selected text to the selected span as another fragment. */
  const addSelectionAsFragment = useCallback(async () => {
    const spanId = state.selectedSpanId;
    if (!spanId) notify('Select a span first (click it, or N / P), then the text to add, then A.', 'info');
    else await actOnSelection('Select the text to add to this span, then press A.', (start, end) => addFragment(spanId, start, end));
  }, [state.selectedSpanId, notify, actOnSelection, addFragment]);

  // Orphans: spans lost when the article changed on disk. M places the highlighted one at the selection.
  const orphans = useMemo(() => opened?.orphans ?? [], [opened]);
  const [currentOrphanId, setCurrentOrphanId] = useState<string | null>(null);
  const currentOrphan = orphans.find((o) => o.span.id === currentOrphanId) ?? orphans[0] ?? null;
  /** The opening whose re-anchoring notice the analyst dismissed. */
  const [dismissed, setDismissed] = useState<object | null>(null);
  const reanchored = opened?.reanchored && dismissed !== opened ? opened.reanchored : null;
  const placeOrphanAtSelection = useCallback(
    async (spanId: string | null) => {
      if (!spanId) notify('There is no orphaned span to place.', 'info');
      else await actOnSelection('Select the text where the orphaned span belongs, then press M.', (start, end) => placeOrphan(spanId, start, end));
    },
    [notify, actOnSelection, placeOrphan],
  );

  const selectNeighbourSpan = useCallback(
    (delta: 1 | -1) => {
      const id = neighbourSpanId(state, delta);
      if (id === null) return;
      selectSpan(id);
      scrollSpanIntoView(id);
    },
    [state, selectSpan, scrollSpanIntoView],
  );

  // Annotation keys work wherever focus is, except while typing, while a dialog or menu is open
  // (the keymap's `document` context) and in review mode, whose keys these are there.
  useCommandHandlers(
    {
      'label.apply': ({ chord }) => {
        const label = keyToLabel.get(chord);
        if (!label) return false;
        void applyLabel(label);
      },
      'span.add-fragment': () => void addSelectionAsFragment(),
      'orphan.place': () => {
        if (orphans.length === 0 || opened?.readOnly) return false;
        void placeOrphanAtSelection(currentOrphan?.span.id ?? null);
      },
      'document.toggle-done': () => toggleDone(),
      'span.neighbour': ({ chord }) => selectNeighbourSpan(chord === 'N' ? 1 : -1),
      'span.delete': () => {
        if (state.selectedSpanId === null) return false;
        deleteSelected();
      },
    },
    ready && !reviewing,
  );

  // The text's own keys (focus in it): Esc, Ctrl+A and the caret; Ctrl+F from anywhere. Review mode too.
  const moveCaretBy = ({ event }: CommandCall) => {
    const command = motionForKey(event);
    if (!command) return false;
    const { anchor, focus } = selection.read();
    if (!command.extend && anchor !== focus && (command.motion === 'grapheme-left' || command.motion === 'grapheme-right')) {
      const edge = command.motion === 'grapheme-left' ? Math.min(anchor, focus) : Math.max(anchor, focus);
      selection.set(edge, edge);
      return;
    }
    const next = moveCaret(text, paragraphs, focus, command.motion);
    selection.set(command.extend ? anchor : next, next);
  };
  useCommandHandlers(
    {
      'find.open': () => setFind({ from: selection.read().focus }),
      'text.clear': () => {
        const { anchor, focus } = selection.read();
        if (anchor !== focus) selection.set(focus, focus);
        else if (state.selectedSpanId !== null) selectSpan(null);
        else return false;
      },
      'text.select-all': () => selection.set(0, text.length),
      'text.character': moveCaretBy,
      'text.word': moveCaretBy,
      'text.paragraph': moveCaretBy,
      'text.edge': moveCaretBy,
      'text.extend-character': moveCaretBy,
      'text.extend-word': moveCaretBy,
      'text.extend-paragraph': moveCaretBy,
      'text.extend-edge': moveCaretBy,
    },
    ready,
  );

  const onClick = (event: ReactMouseEvent<HTMLDivElement>) => {
    const current = document.getSelection();
    if (current && !current.isCollapsed) return;
    const target = event.target instanceof Element ? event.target.closest('[data-span-ids]') : null;
    const ids = target?.getAttribute('data-span-ids')?.split(' ').filter(Boolean) ?? [];
    if (reviewing) {
      if (ids.length > 0) review.select(ids[ids.length - 1]!);
      return;
    }
    if (ids.length === 0) {
      selectSpan(null);
      return;
    }
    // Innermost first; clicking again walks outward through the stack, then wraps.
    const at = state.selectedSpanId === null ? -1 : ids.indexOf(state.selectedSpanId);
    const next = at < 0 ? ids[ids.length - 1] : ids[(at - 1 + ids.length) % ids.length];
    selectSpan(next ?? null);
  };

  if (state.phase === 'empty') return <EmptyDocument hasDocuments={list.state.documents.length > 0 || list.state.phase !== 'ready'} />;

  const docId = state.docId ?? '';
  return (
    <section className="doc-pane" aria-label="Document">
      <DocumentHeader
        title={info?.title ?? ''}
        docId={docId}
        length={info?.length ?? (offsets ? offsets.lengthCp : null)}
        spanCount={opened ? opened.spans.length : null}
        status={opened?.status ?? null}
        onToggleDone={ready ? toggleDone : null}
        readOnlyLayer={opened?.readOnly ? opened.annotator : null}
        suggestControl={
          ready && !reviewing && !opened?.readOnly ? (
            <button type="button" className={suggest.active ? 'btn btn-active' : 'btn'} data-testid="toggle-suggestions" aria-pressed={suggest.active} onClick={() => (suggest.active ? suggest.hide() : suggest.step(1))}>
              {suggest.active ? `Suggestions: ${suggest.suggestions.length}` : 'Suggestions'} <Kbd>I</Kbd>
            </button>
          ) : null
        }
        layerControl={
          review.layers.length > 1 && !reviewing ? (
            <label className="layer-select">
              <span className="visually-hidden">Layer shown</span>
              <select
                className="input input-small"
                data-testid="layer-select"
                value={doc.viewLayer ?? me}
                onFocus={review.refreshLayers}
                onChange={(e) => doc.showLayer(e.target.value === me ? null : e.target.value)}
              >
                <option value={me}>Layer: yours ({me})</option>
                {review.layers
                  .filter((l) => l.name !== me)
                  .map((l) => (
                    <option key={l.name} value={l.name}>
                      {l.name === 'adjudicated' ? 'Layer: adjudicated' : `Layer: ${l.name} (read-only)`}
                    </option>
                  ))}
              </select>
            </label>
          ) : null
        }
      />
      {ready && opened && !reviewing ? (
        <OrphanBar
          reanchored={reanchored}
          orphans={orphans}
          colors={colors}
          currentId={currentOrphan?.span.id ?? null}
          readOnly={Boolean(opened.readOnly)}
          onCurrent={setCurrentOrphanId}
          onPlace={(id) => void placeOrphanAtSelection(id)}
          onDelete={(id) => void deleteOrphan(id)}
          onDismiss={() => setDismissed(opened)}
        />
      ) : null}
      {find && ready ? <FindBar text={text} textRef={textRef} renderVersion={renderVersion} from={find.from} onClose={closeFind} /> : null}
      <div
        ref={viewRef}
        className="doc-view"
        data-testid="doc-view"
        data-doc-id={docId}
        data-loaded={ready ? 'true' : 'false'}
        tabIndex={0}
        role="document"
        aria-busy={!ready}
        aria-label={`Text of ${docId}`}
        onFocus={ready ? selection.restore : undefined}
        onBlur={ready ? selection.redraw : undefined}
      >
        <div className="doc-column" ref={columnRef} onClick={ready ? onClick : undefined}>
          {ready ? (
            <>
              <DocumentText
                ref={textRef}
                text={text}
                paragraphs={paragraphs}
                buckets={buckets}
                colors={colors}
                selectedSpanId={reviewing ? review.selectedKey : state.selectedSpanId}
                scrollRoot={viewRef}
                onDrawn={onDrawn}
              />
              <div className="caret" ref={caretRef} hidden aria-hidden="true" />
              {offsets ? <SuggestionGhosts textRef={textRef} columnRef={columnRef} offsets={offsets} renderVersion={renderVersion} /> : null}
            </>
          ) : state.phase === 'failed' ? (
            <div className="doc-error" role="alert">
              <p>This document could not be opened: {state.error}</p>
              <button type="button" className="btn" onClick={doc.retry}>
                Try again
              </button>
            </div>
          ) : (
            <p className="loading">Loading document…</p>
          )}
        </div>
      </div>
    </section>
  );
}
