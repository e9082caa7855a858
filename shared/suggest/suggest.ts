/**
 * The rule-based suggester: proposes quotes, their cues and speakers in one news text. Pure, no
 * model, no network. Offsets in the answer are Unicode code points; inside, the rules work on
 * UTF-16 and convert once, at the end.
 *
 * Direct quotes are paired quotation marks (shared/suggest/quote-marks.ts) that read as speech
 * (they end in punctuation or span sentences); short stretches without it are scare quotes or
 * titles and are left alone unless they sit inside reported speech (then a mixed quote). The cue
 * and the source mention are looked for after the quote ("…,” she said / “…,” said X), then
 * before it ("X said: “…”"); a quote with neither continues the quote before it. Indirect quotes:
 * "X said (that) …", "…, X said.", "according to X, …" and "…, according to X". Speakers: a name
 * (titles kept, role words dropped), a pronoun resolved to the last fitting speaker, a definite
 * description ("the official") to the last speaker it describes, other descriptions ("a senior
 * security official") to an anonymous speaker; names are matched to the registry with
 * shared/speakers.ts.
 *
 * The stages, a module each: sentences.ts (quotes, headline, sentences and their frames),
 * cues.ts (reporting verbs), mentions.ts (who a phrase names), speaker-resolution.ts (which
 * speaker a mention is), attribution.ts (direct quotes' source and cue), indirect.ts (indirect
 * and mixed quotes) and assemble.ts (the answer in code points, speakers matched to the
 * registry). This module runs them over the sentences in reading order.
 */
import type { Speaker } from '../model.js';
import { assembleSuggestions } from './assemble.js';
import { attributionAround, bareAttribution, introduction, type Draft } from './attribution.js';
import { indirectIn } from './indirect.js';
import { frameOf, headline, isSpeech, quoteRegions, splitSentences } from './sentences.js';
import { noteSubject, Speakers } from './speaker-resolution.js';
import type { Suggestion } from './types.js';

/** The answer's shapes (types.ts), under the names callers import them by. */
export type { QuoteForm, SuggestedSpan, SuggestedSpeaker, Suggestion } from './types.js';

/** Suggestions for one text, in reading order. `registry`: the corpus speakers to match names against. */
export function suggestQuotes(text: string, registry: readonly Speaker[] = []): Suggestion[] {
  const regions = quoteRegions(text);
  const sentences = splitSentences(text, regions);
  const speakers = new Speakers();
  const title = headline(text, regions);
  const drafts: Draft[] = [];
  // An introduction ("X said:") waiting for the quote paragraph after it.
  let intro: (Omit<Draft, 'quote'> & { end: number }) | null = null;
  // The last attributed quote: a quote standing alone in the same or the next paragraph continues it.
  let last: Draft | null = null;
  const consumed = new Set<number>();
  sentences.forEach((s, si) => {
    if (consumed.has(si)) return;
    if (title && s.start < title.end) return;
    const paragraphsSince = (end: number) => (text.slice(end, s.start).match(/(\r?\n|\r)+/g) ?? []).length;
    if (last && paragraphsSince(last.quote.end) > 1) last = null;
    if (intro && paragraphsSince(intro.end) > 1) intro = null;
    const frame = frameOf(text, s);
    const speech = s.quotes.filter((q, k) => isSpeech(text, q, s.quotes[k - 1]));
    if (speech.length === 0) {
      const found = indirectIn(text, s, speakers);
      const introduces = found.length === 0 ? introduction(text, frame, s) : null;
      if (introduces) intro = { ...introduces, speaker: introduces.source ? speakers.resolve(introduces.source) : null, end: s.end };
      else if (found.length === 0) noteSubject(text, frame, s, speakers);
      drafts.push(...found);
      if (found.length) {
        last = found[found.length - 1]!;
        intro = null;
      }
      return;
    }
    // The quote an introduction waits for starts the sentence right after it.
    const introduced = intro && text.slice(intro.end, s.start).trim() === '' ? intro : null;
    intro = null;
    let attributed: Draft | null = null;
    const pending: Draft[] = [];
    for (const q of speech) {
      const at = s.quotes.indexOf(q);
      const found = attributionAround(text, frame, s, q, s.quotes[at + 1], s.quotes[at - 1]);
      const draft: Draft = { quote: { start: q.start, end: q.end, form: 'direct' }, source: null, cue: null, speaker: null };
      if (found) {
        Object.assign(draft, { source: found.source, cue: found.cue, speaker: found.source ? speakers.resolve(found.source) : null });
        attributed = draft;
        // Quotes earlier in the sentence ("“…,” she said, “…”") share the attribution.
        for (const p of pending) Object.assign(p, { source: draft.source, cue: draft.cue, speaker: draft.speaker });
        pending.length = 0;
      } else if (attributed) Object.assign(draft, { source: attributed.source, cue: attributed.cue, speaker: attributed.speaker });
      else pending.push(draft);
      drafts.push(draft);
    }
    if (pending.length) {
      const bare = introduced ? null : bareAttribution(text, sentences[si + 1]);
      if (bare) consumed.add(si + 1);
      const from = introduced ?? (bare ? { source: bare.source, cue: bare.cue, speaker: bare.source ? speakers.resolve(bare.source) : null } : last);
      for (const p of pending) if (from) Object.assign(p, { source: from.source, cue: from.cue, speaker: from.speaker });
    }
    last = drafts[drafts.length - 1]!;
  });
  return assembleSuggestions(text, drafts, registry);
}
