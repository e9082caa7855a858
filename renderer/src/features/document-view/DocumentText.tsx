import { forwardRef, memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { ParaRange } from './caret-motion.js';
import type { DrawnSpan } from './highlight-layout.js';
import { ParagraphRun } from './ParagraphRun.js';
import { NearViewport } from './near-viewport.js';
import { Paragraph } from './Paragraph.js';
import { paragraphRuns, type RunRange } from './paragraph-runs.js';

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
/** Paragraphs are grouped in runs of this many (see ParagraphRun). */
export const RUN_PARAGRAPHS = 50;

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
 * The document text, one Paragraph per line, in runs of paragraphs (ParagraphRun); its element's
 * children are the runs, in order. A long text paints first with the runs of its first part
 * built; the other runs hold their text as one segment (the same text and offsets, so selection,
 * caret moves and find work across the whole document from the first frame) and are built one
 * by one in idle time.
 */
export const DocumentText = memo(
  forwardRef<HTMLDivElement, DocumentTextProps>(function DocumentText({ text, paragraphs, buckets, colors, selectedSpanId, scrollRoot, onDrawn }, ref) {
    // A new text starts a new watcher, so no paragraph of another document lingers in it.
    const near = useMemo(() => new NearViewport(), [text]);
    useEffect(() => near.attach(scrollRoot?.current ?? null, NEAR_MARGIN), [near, scrollRoot]);
    const drawn = onDrawn ?? NOTHING;
    const runs = useMemo(() => paragraphRuns(paragraphs, RUN_PARAGRAPHS), [paragraphs]);
    const eagerRuns = useMemo(() => runs.filter((run) => (paragraphs[run.first] as ParaRange).start < EAGER_CHARS).length, [runs, paragraphs]);
    const built = useBuiltRuns(runs, eagerRuns, drawn);

    const paragraph = (i: number) => {
      const p = paragraphs[i] as ParaRange;
      const spans = buckets[i] ?? NO_SPANS;
      const selected = selectedSpanId !== null && spans.some((s) => s.id === selectedSpanId) ? selectedSpanId : null;
      return (
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
        />
      );
    };
    return (
      <div className="doc-text" ref={ref}>
        {runs.map((run, r) => {
          const first = paragraphs[run.first] as ParaRange;
          // A run holding the selected span is built at once, so the span is drawn and can be scrolled to.
          const isBuilt = built.has(r) || (selectedSpanId !== null && holds(buckets, run, selectedSpanId));
          const children: ReactNode[] | null = isBuilt ? [] : null;
          if (children) for (let i = run.first; i < run.end; i += 1) children.push(paragraph(i));
          return (
            <ParagraphRun
              key={first.start}
              text={text}
              start={first.start}
              end={(paragraphs[run.end - 1] as ParaRange).end}
              paragraphs={run.end - run.first - run.empty}
              emptyParagraphs={run.empty}
              near={near}
              onNear={built.nearHandlers[r] as () => void}
            >
              {children}
            </ParagraphRun>
          );
        })}
      </div>
    );
  }),
);

function holds(buckets: readonly (readonly DrawnSpan[])[], run: RunRange, spanId: string): boolean {
  for (let i = run.first; i < run.end; i += 1) if (buckets[i]?.some((s) => s.id === spanId)) return true;
  return false;
}

/**
 * Which runs are built as paragraphs: the first `eager` at once, then one more per idle moment
 * after the first paint (in a transition, so input is never kept waiting), and any run as soon
 * as it comes near the view. Calls `onBuilt` after a commit that built runs (their text nodes
 * are new).
 */
function useBuiltRuns(runs: readonly RunRange[], eager: number, onBuilt: () => void): { has(r: number): boolean; nearHandlers: readonly (() => void)[] } {
  const [built, setBuilt] = useState<{ runs: readonly RunRange[]; done: ReadonlySet<number> }>({ runs, done: new Set() });
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
  const isBuilt = useCallback((r: number) => r < eager || done.has(r), [eager, done]);
  useEffect(() => {
    const next = runs.findIndex((_, r) => !isBuilt(r));
    if (next < 0) return;
    const idle = whenIdle(() => startTransition(() => build(next)));
    return () => idle.cancel();
  }, [runs, isBuilt, build]);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (done.size > 0) onBuilt();
  }, [done, onBuilt]);
  return useMemo(() => ({ has: isBuilt, nearHandlers }), [isBuilt, nearHandlers]);
}

const EMPTY: ReadonlySet<number> = new Set();
