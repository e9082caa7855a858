/** Review items drawn as spans: one per item over its cover range, labelled by state. Pure. */
import type { Span } from '../../../../shared/model.js';
import type { ReviewItem } from '../../../../shared/review.js';

export function reviewPseudoSpans(items: readonly ReviewItem[], docId: string): Span[] {
  return items.map((i) => ({
    id: i.key,
    docId,
    start: i.start,
    end: i.end,
    label: i.decision ? 'decided' : i.state,
    quote: '',
    prefix: '',
    suffix: '',
    attrs: {},
    note: '',
    author: '',
    created: '',
    modified: '',
  }));
}
