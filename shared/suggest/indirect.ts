/**
 * The suggester's indirect and mixed quotes, in a sentence without speech in quotation marks:
 * "X said (that) …", "…, X said.", "according to X, …" and "…, according to X".
 */
import { ACCORDING_RE, DATA_NOUNS, NAMING_CUES, PARTICIPLE_CUES, QUESTION_CUES } from './lexicon.js';
import type { Draft } from './attribution.js';
import { ADVERBIAL, contentAfterCue, cuesIn, quotedAs, type CueHit } from './cues.js';
import { leadingNounPhrase, mentionIn, subjectBefore, wordsOf, type Mention } from './mentions.js';
import { contentEnd, frameOf, pieces, trimRange, type Sentence } from './sentences.js';
import type { Speakers } from './speaker-resolution.js';
import type { QuoteForm, Range } from './types.js';

/** Indirect and mixed quotes in a sentence without speech quotes. */
export function indirectIn(text: string, s: Sentence, speakers: Speakers): Draft[] {
  const frame = frameOf(text, s);
  const end = contentEnd(text, s);
  const form = (r: Range): QuoteForm => (s.quotes.some((q) => q.start >= r.start && q.end <= r.end) ? 'mixed' : 'indirect');
  const drafts: Draft[] = [];
  // "According to X, …" and "…, according to X(, which …)."
  ACCORDING_RE.lastIndex = 0;
  const acc = ACCORDING_RE.exec(frame);
  if (acc) {
    const cue = { start: s.start + acc.index, end: s.start + acc.index + acc[0].length };
    const comma = frame.indexOf(',', acc.index + acc[0].length);
    const sourceEnd = comma >= 0 ? s.start + comma : end;
    const source = mentionIn(text, cue.end, sourceEnd, false);
    const head = source?.text.toLowerCase().split(/\s+/).find((w) => DATA_NOUNS.has(w));
    if (source && !head) {
      const content = cue.start === s.start ? trimRange(text, sourceEnd + 1, end) : trimRange(text, s.start, cue.start - 1 >= s.start && text[cue.start - 2] === ',' ? cue.start - 2 : cue.start);
      if (content.end > content.start && wordsOf(text, content.start, content.end).length >= 3) {
        drafts.push({ quote: { ...content, form: form(content) }, source, cue, speaker: speakers.resolve(source) });
        return drafts;
      }
    }
  }
  const cues = cuesIn(frame, s.start);
  const lastCue = cues[cues.length - 1];
  if (lastCue) {
    const reverse = reverseIndirect(text, frame, s, lastCue, end, form);
    if (reverse) return [{ ...reverse, speaker: speakers.resolve(reverse.source!) }];
  }
  for (const cue of cues) {
    if (QUESTION_CUES.has(cue.word)) continue;
    // "X called the bill “a betrayal …”": only a quoted label makes these reported speech.
    const content = contentAfterCue(text, frame, s, cue, end);
    if (content) {
      if (NAMING_CUES.has(cue.word) && !labelQuoted(text, s, content)) continue;
      let source: Mention | null;
      const quoted = quotedAs(text, frame, s, cue);
      if (quoted) source = quoted;
      else if (PARTICIPLE_CUES.has(cue.word)) {
        const first = pieces(frame, s.start, s.start, cue.start)[0];
        source = first ? leadingNounPhrase(text, first) : null;
      } else source = subjectBefore(text, frame, s, s.start, cue.start);
      if (!source) continue;
      drafts.push({ quote: { ...content, form: form(content) }, source, cue, speaker: speakers.resolve(source) });
      return drafts;
    }
  }
  return drafts;
}

/**
 * Whether a naming cue's complement is a quoted label: "called the plan “a disgrace”", not "called
 * a conference for Thursday, although … “disarray”" (called as convened, a quote later in the clause).
 */
function labelQuoted(text: string, s: Sentence, content: Range): boolean {
  const q = s.quotes.find((x) => x.start >= content.start && x.end <= content.end);
  if (!q) return false;
  return !/[,;:(—–]/.test(text.slice(content.start, q.start)) && wordsOf(text, content.start, q.start).length <= 5;
}

/** "…, a senior security official said on Thursday(, ending …)." */
function reverseIndirect(text: string, frame: string, s: Sentence, cue: CueHit, end: number, form: (r: Range) => QuoteForm): Omit<Draft, 'speaker'> | null {
  if (NAMING_CUES.has(cue.word) || QUESTION_CUES.has(cue.word) || PARTICIPLE_CUES.has(cue.word)) return null;
  const after = frame.slice(cue.end - s.start, end - s.start);
  if (!ADVERBIAL.test(after)) return null;
  const comma = frame.lastIndexOf(',', cue.start - s.start);
  if (comma <= 0) return null;
  const source = mentionIn(text, s.start + comma + 1, cue.start, false);
  const body = trimRange(text, s.start, s.start + comma);
  if (!source || wordsOf(text, body.start, body.end).length < 4) return null;
  // The by-line is short and reports nothing itself (", said she had not been given the time she promised").
  if (wordsOf(text, s.start + comma + 1, cue.start).length > 6 || cuesIn(frame, s.start, comma + 1, cue.start - s.start).length > 0) return null;
  return { quote: { ...body, form: form(body) }, source, cue };
}
