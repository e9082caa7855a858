/**
 * Re-anchoring spans when an article's text changed on disk. A span is found again from its
 * quote and the 32 characters of context on each side: where the quote still stands at its
 * offsets it stays; otherwise every place the exact quote occurs is scored by how much of its
 * context matches, and the span moves to the best place only when that place scores at least
 * MIN_SCORE and clearly beats the next one. Anything else becomes an orphan for the analyst to
 * place or delete: a span is never silently moved to a look-alike. Offsets are code points.
 */
import { piecesOf } from './fragments.js';
import type { AnnotationFile, Relation, Span } from './model.js';
import { createOffsetMap } from './offsets.js';
import { spanContext } from './spans.js';
import type { z } from 'zod';
import type { orphanSchema } from './schemas.js';

/** The least context match (0..1) for a move. */
export const MIN_SCORE = 0.5;
/** How much better the best place must score than the second best. */
export const MIN_MARGIN = 0.15;

/** A span that could not be found again after its article changed, with the links that touched it. */
export type Orphan = z.output<typeof orphanSchema>;

export interface ReanchorResult {
  spans: Span[];
  relations: Relation[];
  moved: { id: string; from: number; to: number; score: number }[];
  orphans: Orphan[];
}

/** Share of `expected` found right next to the candidate: compared from the quote outwards. */
export function contextScore(expected: readonly string[], found: readonly string[], side: 'before' | 'after'): number {
  if (expected.length === 0) return 1;
  let same = 0;
  for (let i = 0; i < expected.length; i += 1) {
    const a = side === 'before' ? expected[expected.length - 1 - i] : expected[i];
    const b = side === 'before' ? found[found.length - 1 - i] : found[i];
    if (a !== b) break;
    same += 1;
  }
  return same / expected.length;
}

function occurrences(chars: readonly string[], quote: readonly string[]): number[] {
  const out: number[] = [];
  if (quote.length === 0) return out;
  outer: for (let i = 0; i + quote.length <= chars.length; i += 1) {
    for (let k = 0; k < quote.length; k += 1) if (chars[i + k] !== quote[k]) continue outer;
    out.push(i);
  }
  return out;
}

/** Re-anchors every span of a layer in `text`; `now` stamps new orphans. */
export function reanchorLayer(spans: readonly Span[], relations: readonly Relation[], text: string, now: string): ReanchorResult {
  const chars = Array.from(text);
  const map = createOffsetMap(text);
  const kept: Span[] = [];
  const moved: ReanchorResult['moved'] = [];
  const orphanSpans: { span: Span; reason: string }[] = [];
  for (const span of spans) {
    const quote = Array.from(span.quote);
    if (span.end <= chars.length && chars.slice(span.start, span.end).join('') === span.quote) {
      kept.push({ ...span, ...spanContext(text, map, span.start, span.end) });
      continue;
    }
    const prefix = Array.from(span.prefix);
    const suffix = Array.from(span.suffix);
    const candidates = occurrences(chars, quote)
      .map((at) => {
        const before = contextScore(prefix, chars.slice(Math.max(0, at - prefix.length), at), 'before');
        const after = contextScore(suffix, chars.slice(at + quote.length, at + quote.length + suffix.length), 'after');
        return { at, score: (before + after) / 2 };
      })
      .sort((a, b) => b.score - a.score || Math.abs(a.at - span.start) - Math.abs(b.at - span.start));
    const [best, second] = candidates;
    let reason: string | null = null;
    if (!best) reason = 'its text is no longer in the article';
    else if (best.score < MIN_SCORE) reason = `its text occurs, but not in its context (best match ${Math.round(best.score * 100)}%)`;
    else if (second && best.score - second.score < MIN_MARGIN) reason = `its text occurs ${candidates.length} times in similar contexts`;
    if (reason || !best) {
      orphanSpans.push({ span, reason: reason ?? 'not found' });
      continue;
    }
    const delta = best.at - span.start;
    const start = span.start + delta;
    const end = span.end + delta;
    const next: Span = { ...span, start, end, ...spanContext(text, map, start, end) };
    if (span.fragments && span.fragments.length > 1) next.fragments = piecesOf(span).map(([s, e]) => [s + delta, e + delta] as [number, number]);
    kept.push(next);
    moved.push({ id: span.id, from: span.start, to: start, score: best.score });
  }
  const gone = new Set(orphanSpans.map((o) => o.span.id));
  const orphans = orphanSpans.map(({ span, reason }) => ({ span, reason, since: now, relations: relations.filter((r) => r.head === span.id || r.child === span.id) }));
  return { spans: kept, relations: relations.filter((r) => !gone.has(r.head) && !gone.has(r.child)), moved, orphans };
}

/**
 * A layer as it reads against the current text, without writing anything (a colleague's layer,
 * an export): re-anchored in memory when the article changed since the layer was written, its
 * stored orphans and any new ones together.
 */
export function currentView(layer: AnnotationFile, text: string, sha256: string, now: string): AnnotationFile {
  if (!layer.docSha256 || layer.docSha256 === sha256) return layer;
  const r = reanchorLayer(layer.spans, layer.relations, text, now);
  const orphans = [...(layer.orphans ?? []), ...r.orphans];
  return { ...layer, spans: r.spans, relations: r.relations, docSha256: sha256, ...(orphans.length > 0 ? { orphans } : {}) };
}
