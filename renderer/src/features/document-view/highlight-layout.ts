/**
 * How spans are drawn: each span gets a stable underline level (so nested and overlapping spans
 * stay apart along their whole length), spans are bucketed per paragraph, and each segment's
 * look is computed from the spans covering it. Pure; offsets are UTF-16.
 */
import type { createOffsetMap } from '../../../../shared/offsets.js';
import type { Span } from '../../../../shared/model.js';
import type { ParaRange } from './caret-motion.js';

/** The code point ⇄ UTF-16 map of one text, as shared/offsets.ts builds it. */
type OffsetMap = ReturnType<typeof createOffsetMap>;

/**
 * One piece of a span as the view draws it: UTF-16 offsets plus its label and underline level.
 * A discontinuous span is drawn as several pieces sharing its id and level.
 */
export interface DrawnSpan {
  /** Unique per piece: the span id, plus `#n` for the n-th fragment after the first. */
  key: string;
  id: string;
  start: number;
  end: number;
  label: string;
  level: number;
  /** True on the span's first piece (where its label tag goes). */
  first: boolean;
}

/**
 * Gives each span the lowest underline level not used by a span still open at its start
 * (interval colouring), so a span nested in or overlapping another never shares its line.
 * `spans` must be in reading order (start ascending, longer first).
 */
export function assignLevels(spans: readonly { id: string; start: number; end: number }[]): Map<string, number> {
  const levelEnds: number[] = [];
  const levels = new Map<string, number>();
  for (const span of spans) {
    let level = levelEnds.findIndex((end) => end <= span.start);
    if (level < 0) level = levelEnds.length;
    levelEnds[level] = span.end;
    levels.set(span.id, level);
  }
  return levels;
}

/**
 * Converts API spans (code points, reading order) to drawn pieces (UTF-16) with their levels.
 * Levels come from each span's whole cover, so a fragment never shares a line with a span
 * lying in its gap.
 */
export function toDrawnSpans(spans: readonly Span[], map: OffsetMap): DrawnSpan[] {
  const levels = assignLevels(spans);
  const pieces: DrawnSpan[] = [];
  for (const s of spans) {
    const level = levels.get(s.id) ?? 0;
    const ranges = s.fragments && s.fragments.length > 1 ? s.fragments : [[s.start, s.end] as [number, number]];
    ranges.forEach(([start, end], i) =>
      pieces.push({ key: i === 0 ? s.id : `${s.id}#${i}`, id: s.id, start: map.toUtf16(start), end: map.toUtf16(end), label: s.label, level, first: i === 0 }),
    );
  }
  return pieces.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** For each paragraph, the drawn spans that touch it (a span across paragraphs is in each). */
export function bucketByParagraph(spans: readonly DrawnSpan[], paras: readonly ParaRange[]): DrawnSpan[][] {
  const buckets: DrawnSpan[][] = paras.map(() => []);
  for (const span of spans) {
    let index = firstParagraphEndingAfter(paras, span.start);
    for (; index < paras.length; index += 1) {
      const para = paras[index] as ParaRange;
      if (para.start >= span.end) break;
      if (para.end > span.start && para.end > para.start) (buckets[index] as DrawnSpan[]).push(span);
    }
  }
  return buckets;
}

function firstParagraphEndingAfter(paras: readonly ParaRange[], pos: number): number {
  let lo = 0;
  let hi = paras.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((paras[mid] as ParaRange).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `next` with every bucket equal to the one at the same place in `prev` replaced by that old
 * array, so after an edit only the paragraphs whose spans changed get new props (the rest
 * compare by identity and skip rendering). Answers `prev` itself when nothing changed.
 */
export function shareBuckets(prev: readonly (readonly DrawnSpan[])[] | null, next: DrawnSpan[][]): readonly (readonly DrawnSpan[])[] {
  if (!prev || prev.length !== next.length) return next;
  let changed = false;
  const shared = next.map((bucket, i) => {
    const old = prev[i] as readonly DrawnSpan[];
    if (sameDrawnSpans(old, bucket)) return old;
    changed = true;
    return bucket;
  });
  return changed ? shared : prev;
}

/** Same spans, same offsets, same levels: lets a paragraph skip re-rendering. */
export function sameDrawnSpans(a: readonly DrawnSpan[], b: readonly DrawnSpan[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i] as DrawnSpan;
    return x.key === y.key && x.start === y.start && x.end === y.end && x.label === y.label && x.level === y.level;
  });
}

/** Fill alpha per covering span; layers add up where spans overlap. */
export const FILL_ALPHA = 0.2;
/** Fill alpha of the selected span. */
export const SELECTED_FILL_ALPHA = 0.42;
/** Thickness in px of each underline level. */
export const UNDERLINE_PX = 2;

/** The CSS a highlight segment gets. */
export interface SegmentLook {
  backgroundImage: string;
  boxShadow: string;
  /** Label names of the spans that start at this segment, outer first (shown as a small tag). */
  tag: string;
  tagColor: string;
}

/**
 * The look of one segment covered by `covering` (outer first): a translucent fill per span,
 * an inset underline per span at its own level, and a frame around the selected span (top and
 * bottom on every segment, left on its first, right on its last).
 */
export function segmentLook(
  segment: { start: number; end: number },
  covering: readonly DrawnSpan[],
  colors: ReadonlyMap<string, string>,
  selectedSpanId: string | null,
): SegmentLook {
  const fills: string[] = [];
  const lines: { level: number; shadow: string }[] = [];
  const frame: string[] = [];
  const starting: DrawnSpan[] = [];
  for (const span of covering) {
    const color = colors.get(span.label) ?? FALLBACK_COLOR;
    const selected = span.id === selectedSpanId;
    const fill = withAlpha(color, selected ? SELECTED_FILL_ALPHA : FILL_ALPHA);
    fills.push(`linear-gradient(${fill}, ${fill})`);
    lines.push({ level: span.level, shadow: `inset 0 -${(span.level + 1) * UNDERLINE_PX}px 0 0 ${color}` });
    if (span.start === segment.start && span.first) starting.push(span);
    if (selected) {
      frame.push(`0 -2px 0 0 ${SELECTED_FRAME}`, `0 2px 0 0 ${SELECTED_FRAME}`);
      if (span.start === segment.start) frame.push(`-2px 0 0 0 ${SELECTED_FRAME}`);
      if (span.end === segment.end) frame.push(`2px 0 0 0 ${SELECTED_FRAME}`);
    }
  }
  // Lower levels are painted on top so each deeper line shows as its own band above them.
  lines.sort((x, y) => x.level - y.level);
  const first = starting[0];
  return {
    backgroundImage: fills.join(', '),
    boxShadow: [...frame, ...lines.map((l) => l.shadow)].join(', '),
    tag: starting.map((s) => s.label).join(' · '),
    tagColor: first ? darken(colors.get(first.label) ?? FALLBACK_COLOR) : '',
  };
}

/** Colour of spans whose label is not in the schema. */
export const FALLBACK_COLOR = '#8a8f98';
/** Frame colour of the selected span (the UI accent). */
export const SELECTED_FRAME = '#3046c5';

/** `#rrggbb` with an alpha, as rgba(). Anything else falls back to the neutral grey. */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = rgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** A darker shade of a label colour, readable as small text on white. */
export function darken(hex: string): string {
  const [r, g, b] = rgb(hex).map((c) => Math.round(c * 0.62));
  return `rgb(${r}, ${g}, ${b})`;
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) ?? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(FALLBACK_COLOR);
  const [, r, g, b] = m as RegExpExecArray;
  return [parseInt(r as string, 16), parseInt(g as string, 16), parseInt(b as string, 16)];
}
