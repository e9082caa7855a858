/**
 * The suggester's attribution of direct quotes: the source and cue in the quote's sentence
 * ("…,” she said / X said: “…”), in a sentence after it that is only an attribution, or in an
 * introduction ("X told reporters:") before the quote's paragraph.
 */
import { cuesIn, ADVERBIAL, quotedAs } from './cues.js';
import { mentionIn, subjectAfter, subjectBefore, wordsOf, type Mention } from './mentions.js';
import type { Known } from './speaker-resolution.js';
import { frameOf, pieces, type Sentence } from './sentences.js';
import type { QuoteRegion } from './quote-marks.js';
import type { QuoteForm, Range } from './types.js';

/** A suggestion as the stages build it: UTF-16 ranges and the resolved speaker, before assembly. */
export interface Draft {
  quote: Range & { form: QuoteForm };
  source: Mention | null;
  cue: Range | null;
  speaker: Known | null;
}

/** The attribution inside one sentence, after or before `quote`, as [source, cue]. */
export function attributionAround(text: string, frame: string, s: Sentence, q: QuoteRegion, next: QuoteRegion | undefined, prev: QuoteRegion | undefined): { source: Mention | null; cue: Range } | null {
  // After: "…,” she said / “…,” said X / “…,” X, the envoy, said.
  const postEnd = next ? next.start : s.end;
  const post = frame.slice(q.end - s.start, postEnd - s.start);
  const leading = /^\s*,?\s*/.exec(post)![0].length;
  const cues = cuesIn(frame, s.start, q.end - s.start, postEnd - s.start);
  const firstCue = cues[0];
  if (firstCue) {
    const gap = text.slice(q.end + leading, firstCue.start);
    if (gap.trim() === '') {
      const source = subjectAfter(text, frame, s, firstCue.end, postEnd);
      return { source, cue: firstCue };
    }
    if (!/[.;:!?]/.test(gap) && wordsOf(text, q.end, firstCue.start).length <= 10) {
      const source = subjectBefore(text, frame, s, q.end + leading, firstCue.start);
      if (source) return { source, cue: firstCue };
    }
  }
  // Before: "X, the lawyer who brought the case, said: “…”" or "X was blunt: “…”".
  const preStart = prev ? prev.end : s.start;
  const pre = frame.slice(preStart - s.start, q.start - s.start);
  if (/[:,]\s*$/.test(pre)) {
    const before = cuesIn(frame, s.start, preStart - s.start, q.start - s.start);
    const cue = before[before.length - 1];
    if (cue && text.slice(cue.end, q.start).replace(/\s+(in a statement|on \w+day)\s*/i, '').trim().length <= 2) {
      return { source: quotedAs(text, frame, s, cue) ?? subjectBefore(text, frame, s, preStart, cue.start), cue };
    }
    if (/:\s*$/.test(pre) && !cue) {
      const colon = preStart + pre.lastIndexOf(':');
      const name = mentionIn(text, preStart, pieces(frame, s.start, preStart, colon)[0]?.end ?? colon, preStart === s.start);
      if (name && name.type !== 'description') return { source: name, cue: { start: colon, end: colon + 1 } };
    }
  }
  return null;
}

/** A sentence that is only an attribution ("Tomas Novak, who runs a haulage firm, asked."). */
export function bareAttribution(text: string, s: Sentence | undefined): { source: Mention | null; cue: Range } | null {
  if (!s || s.quotes.length > 0) return null;
  const frame = frameOf(text, s);
  const cues = cuesIn(frame, s.start);
  const cue = cues[cues.length - 1];
  if (!cue) return null;
  const after = frame.slice(cue.end - s.start).replace(/[.!?]\s*$/, '');
  if (!ADVERBIAL.test(after) || after.trim().split(/\s+/).length > 6) return null;
  const source = subjectBefore(text, frame, s, s.start, cue.start);
  return source ? { source, cue } : null;
}

/** A sentence that only introduces what follows: "Brann told reporters:" or "Okonkwo said:" at a paragraph's end. */
export function introduction(text: string, frame: string, s: Sentence): { source: Mention | null; cue: Range } | null {
  if (s.quotes.length > 0 || !/:\s*$/.test(frame)) return null;
  const colon = s.start + frame.lastIndexOf(':');
  const cue = cuesIn(frame, s.start, 0, colon - s.start).pop();
  if (cue) {
    // Only a short object may come between the cue and the colon ("told reporters", "said in a statement").
    if (wordsOf(text, cue.end, colon).length > 4) return null;
    const source = quotedAs(text, frame, s, cue) ?? subjectBefore(text, frame, s, s.start, cue.start);
    return source ? { source, cue } : null;
  }
  const name = mentionIn(text, s.start, colon, true);
  return name && name.type !== 'description' ? { source: name, cue: { start: colon, end: colon + 1 } } : null;
}
