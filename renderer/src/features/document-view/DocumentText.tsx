import { forwardRef, memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { ParaRange } from './caret-motion.js';
import type { DrawnSpan } from './highlight-layout.js';
import { BulkText } from './BulkText.js';
import { NearViewport } from './near-viewport.js';
import { Paragraph } from './Paragraph.js';
import { bulkRuns, type BulkRun } from './bulk-runs.js';

/** Props of the whole rendered text. */
export interface DocumentTextProps {
  text: string;
  paragraphs: readonly ParaRange[];
  /** Drawn spans per paragraph (same length as `paragraphs`). */
  buckets: readonly (readonly DrawnSpan[])[];
  colors: ReadonlyMap<string, string>;
  selectedSpanId: string | null;
  /** The scrolling element the text sits in: paragraphs near its visible part draw their highlights. */
  scrollRoot?: RefObject<HTMLElement | null>;
  /** Called after text nodes were replaced: paragraphs near the view drew their highlights, or runs were built as paragraphs. */
  onDrawn?: () => void;
}

const NO_SPANS: readonly DrawnSpan[] = [];
const NOTHING = () => undefined;

/**
 * Paragraphs starting within this many UTF-16 units of the top draw their highlights at once;
 * the rest when they come within a screen of the view. An article of ordinary length is thus
 * drawn whole from the start; a long one paints its first screen without laying out the rest.
 */
export const EAGER_CHARS = 20_000;
/** How far beyond the visible part paragraphs draw their highlights (IntersectionObserver rootMargin). */
const NEAR_MARGIN = '100% 0px';
/** Paragraphs past the eager part are first shown in runs of this many (see BulkText). */
export const RUN_PARAGRAPHS = 100;

type IdleHandle = { cancel(): void };

/** Runs `work` when the browser is idle (a timeout where requestIdleCallback is missing, as in jsdom). */
function whenIdle(work: () => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 200 });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(work, 0);
  return { cancel: () => clearTimeout(id) };
}

/**
 * The document text, one Paragraph per line; its element's children are the paragraphs (or runs
 * of them), in order. A long text paints first with the paragraphs of its first part; the rest
 * sit in BulkText runs (the same text and offsets, so selection, caret moves and find work across
 * the whole document from the first frame) that become paragraphs one by one in idle time.
 */
export const DocumentText = memo(
  forwardRef<HTMLDivElement, DocumentTextProps>(function DocumentText({ text, paragraphs, buckets, colors, selectedSpanId, scrollRoot, onDrawn }, ref) {
    // A new text starts a new watcher, so no paragraph of another document lingers in it.
    const near = useMemo(() => new NearViewport(), [text]);
    useEffect(() => near.attach(scrollRoot?.current ?? null, NEAR_MARGIN), [near, scrollRoot]);
    const drawn = onDrawn ?? NOTHING;
    const runs = useMemo(() => bulkRuns(paragraphs, EAGER_CHARS, RUN_PARAGRAPHS), [paragraphs]);
    const built = useBuiltRuns(runs, drawn);

    const out: ReactNode[] = [];
    const paragraph = (i: number) => {
      const p = paragraphs[i] as ParaRange;
      const spans = buckets[i] ?? NO_SPANS;
      const selected = selectedSpanId !== null && spans.some((s) => s.id === selectedSpanId) ? selectedSpanId : null;
      out.push(
        <Paragraph
          key={p.start}
          text={text}
          start={p.start}
          end={p.end}
          spans={spans}
          colors={colors}
          selectedSpanId={selected}
          eager={p.start < EAGER_CHARS}
          near={near}
          onDrawn={drawn}
        />,
      );
    };
    const firstRun = runs[0]?.first ?? paragraphs.length;
    for (let i = 0; i < firstRun; i += 1) paragraph(i);
    runs.forEach((run, r) => {
      // A run holding the selected span is built at once, so the span is drawn and can be scrolled to.
      if (built.has(r) || (selectedSpanId !== null && holds(buckets, run, selectedSpanId))) {
        for (let i = run.first; i < run.end; i += 1) paragraph(i);
        return;
      }
      const first = paragraphs[run.first] as ParaRange;
      const last = paragraphs[run.end - 1] as ParaRange;
      out.push(
        <BulkText
          key={`run-${first.start}`}
          text={text}
          start={first.start}
          end={last.end}
          paragraphs={run.end - run.first - run.empty}
          emptyParagraphs={run.empty}
          near={near}
          onNear={built.nearHandlers[r] as () => void}
        />,
      );
    });
    return (
      <div className="doc-text" ref={ref}>
        {out}
      </div>
    );
  }),
);

function holds(buckets: readonly (readonly DrawnSpan[])[], run: BulkRun, spanId: string): boolean {
  for (let i = run.first; i < run.end; i += 1) if (buckets[i]?.some((s) => s.id === spanId)) return true;
  return false;
}

/**
 * Which runs are built as paragraphs: one more per idle moment after the first paint (in a
 * transition, so input is never kept waiting), and any run as soon as it comes near the view.
 * Calls `onBuilt` after a commit that built runs (their text nodes are new).
 */
function useBuiltRuns(runs: readonly BulkRun[], onBuilt: () => void): { has(r: number): boolean; nearHandlers: readonly (() => void)[] } {
  const [built, setBuilt] = useState<{ runs: readonly BulkRun[]; done: ReadonlySet<number> }>({ runs, done: new Set() });
  const done = built.runs === runs ? built.done : EMPTY;
  const build = useCallback(
    (r: number) =>
      setBuilt((prev) => {
        const base = prev.runs === runs ? prev.done : EMPTY;
        if (base.has(r)) return prev;
        return { runs, done: new Set(base).add(r) };
      }),
    [runs],
  );
  const nearHandlers = useMemo(() => runs.map((_, r) => () => build(r)), [runs, build]);
  useEffect(() => {
    if (done.size >= runs.length) return;
    const next = runs.findIndex((_, r) => !done.has(r));
    const idle = whenIdle(() => startTransition(() => build(next)));
    return () => idle.cancel();
  }, [runs, done, build]);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (done.size > 0) onBuilt();
  }, [done, onBuilt]);
  return useMemo(() => ({ has: (r: number) => done.has(r), nearHandlers }), [done, nearHandlers]);
}

const EMPTY: ReadonlySet<number> = new Set();
