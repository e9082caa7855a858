/** Which spans a quote can link to as its source mention or cue, nearest first. */
import type { Relation, Span } from '../../../../shared/model.js';

/** Code points between two ranges (0 when they touch or overlap). */
export function gap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** Spans labelled `label` that `head` is not yet linked to, nearest first (ties: earlier first). */
export function linkCandidates(head: Span, spans: readonly Span[], relations: readonly Relation[], label: string, relationLabel: string): Span[] {
  const linked = new Set(relations.filter((r) => r.head === head.id && r.label === relationLabel).map((r) => r.child));
  return spans
    .filter((s) => s.label === label && s.id !== head.id && !linked.has(s.id))
    .sort((a, b) => gap(head, a) - gap(head, b) || a.start - b.start);
}

/** The spans `span` links to with `relationLabel`, each with its relation. */
export function linkedSpans(span: Span, spans: readonly Span[], relations: readonly Relation[], relationLabel: string): { relation: Relation; span: Span }[] {
  const byId = new Map(spans.map((s) => [s.id, s]));
  return relations
    .filter((r) => r.head === span.id && r.label === relationLabel)
    .map((relation) => ({ relation, span: byId.get(relation.child) }))
    .filter((x): x is { relation: Relation; span: Span } => x.span !== undefined);
}

/** The quotes that link to `span` (for a SOURCE or CUE span's inspector). */
export function linkingQuotes(span: Span, spans: readonly Span[], relations: readonly Relation[]): { relation: Relation; span: Span }[] {
  const byId = new Map(spans.map((s) => [s.id, s]));
  return relations
    .filter((r) => r.child === span.id)
    .map((relation) => ({ relation, span: byId.get(relation.head) }))
    .filter((x): x is { relation: Relation; span: Span } => x.span !== undefined);
}
