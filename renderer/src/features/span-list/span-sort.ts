/** Orders of the span list. Pure, so each order is testable. */
import type { Span, Speaker } from '../../../../shared/model.js';

export type SpanSort = 'position' | 'label' | 'speaker';

/** Spans in the chosen order; ties fall back to reading order. Spans without a speaker sort last by speaker. */
export function sortSpanList(spans: readonly Span[], sort: SpanSort, speakers: readonly Speaker[]): Span[] {
  const names = new Map(speakers.map((s) => [s.id, s.name]));
  const position = (a: Span, b: Span) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1);
  const list = [...spans];
  if (sort === 'label') return list.sort((a, b) => a.label.localeCompare(b.label) || position(a, b));
  if (sort === 'speaker') {
    return list.sort((a, b) => {
      const x = a.speakerId ? names.get(a.speakerId) : undefined;
      const y = b.speakerId ? names.get(b.speakerId) : undefined;
      if (x === undefined && y !== undefined) return 1;
      if (y === undefined && x !== undefined) return -1;
      return (x ?? '').localeCompare(y ?? '') || position(a, b);
    });
  }
  return list.sort(position);
}
