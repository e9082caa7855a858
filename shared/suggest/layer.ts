/**
 * Suggestions against a layer: which are still open (not annotated yet, not rejected), and the
 * spans and links accepting one makes. Pure; offsets in code points.
 */
import { sharedLength } from '../agreement.js';
import type { AnnotationFile, Relation, Span } from '../model.js';
import type { Suggestion, SuggestedSpan } from './suggest.js';

type LayerView = { spans: readonly Pick<Span, 'start' | 'end' | 'label' | 'fragments'>[] } & Partial<Pick<AnnotationFile, 'rejectedSuggestions'>>;

/** True when the layer has a quote over the suggestion already (shared characters >= half of the shorter, as agreement matches). */
export function alreadyAnnotated(s: Suggestion, spans: readonly Pick<Span, 'start' | 'end' | 'label' | 'fragments'>[], quoteLabel = 'QUOTE'): boolean {
  const mine: [number, number][] = [[s.quote.start, s.quote.end]];
  return spans.some((span) => {
    if (span.label !== quoteLabel) return false;
    const pieces = span.fragments ?? [[span.start, span.end]];
    const length = pieces.reduce((n, [a, b]) => n + (b - a), 0);
    return 2 * sharedLength(mine, pieces) >= Math.min(length, s.quote.end - s.quote.start);
  });
}

/** True when the annotator rejected this suggestion (same range, same text). */
export function wasRejected(s: Suggestion, layer: LayerView): boolean {
  return (layer.rejectedSuggestions ?? []).some((r) => r.start === s.quote.start && r.end === s.quote.end && r.quote === s.quote.text);
}

/** The suggestions still open in a layer, in reading order. */
export function openSuggestions(all: readonly Suggestion[], layer: LayerView, quoteLabel = 'QUOTE'): Suggestion[] {
  return all.filter((s) => !alreadyAnnotated(s, layer.spans, quoteLabel) && !wasRejected(s, layer));
}

/** What accepting a suggestion adds: spans to create (or existing ones to reuse) and the links. */
export interface AcceptPlan {
  quote: SuggestedSpan & { form: string };
  /** An existing span with the source mention's range and label, or the one to create. */
  source: { existingId: string } | { create: SuggestedSpan } | null;
  cue: { existingId: string } | { create: SuggestedSpan } | null;
}

/** The plan for one suggestion, reusing a SOURCE or CUE span that already covers the same characters. */
export function planAccept(s: Suggestion, spans: readonly Pick<Span, 'id' | 'start' | 'end' | 'label'>[]): AcceptPlan {
  const reuse = (span: SuggestedSpan | null) => {
    if (!span) return null;
    const same = spans.find((x) => x.label === span.label && x.start === span.start && x.end === span.end);
    return same ? { existingId: same.id } : { create: span };
  };
  return { quote: s.quote, source: reuse(s.source), cue: reuse(s.cue) };
}

/** The links a quote gets from its plan, once every span has an id. */
export function planRelations(quoteId: string, sourceId: string | null, cueId: string | null, newId: () => string): Relation[] {
  const out: Relation[] = [];
  if (sourceId) out.push({ id: newId(), head: quoteId, child: sourceId, label: 'source' });
  if (cueId) out.push({ id: newId(), head: quoteId, child: cueId, label: 'cue' });
  return out;
}
