/**
 * The suggester's cues: the reporting verbs in a sentence's frame ("said", "told", "according
 * to" is found where indirect quotes are), the words a cue's content starts after, and the
 * speaker of "quoted X as saying".
 */
import { CUE_RE, OBJECT_CUES, THAT_CUES } from './lexicon.js';
import { mentionIn, wordsOf, type Mention } from './mentions.js';
import { trimRange, type Sentence } from './sentences.js';
import type { Range } from './types.js';

/** A cue found in a frame: its range in the text and the verb in lower case. */
export interface CueHit extends Range {
  word: string;
}

/** The cues in frame[from, to); `offset` is where the frame starts in the text. */
export function cuesIn(frame: string, offset: number, from = 0, to = frame.length): CueHit[] {
  const out: CueHit[] = [];
  const slice = frame.slice(from, to);
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(slice); m; m = CUE_RE.exec(slice)) {
    // "refused to say", "time will say": an infinitive or a modal's "say" reports nothing.
    if (m[0].toLowerCase() === 'say' && /\b(to|will|would|could|can|may|might|must|should|shall|not|do|does|did)\s+$/i.test(slice.slice(0, m.index))) continue;
    out.push({ start: offset + from + m.index, end: offset + from + m.index + m[0].length, word: m[0].toLowerCase() });
  }
  return out;
}

const SUBORDINATOR = /^(as|when|while|after|before|because|if|since|until|though|although|whether|ending|leaving)\b/i;

/** Words after a cue that add only when or where ("on Monday", "earlier", up to the next punctuation). */
export const ADVERBIAL = /^\s*(?:(?:on|in|at|last|this|earlier|later|late|after|before|during|outside|yesterday|today|tonight|again)\b[^,.;:\uE000]*?)?(?=\s*(?:[,.;:!?]|$))/i;

/** Words between a cue and its "that"-clause: "told this newspaper that", "said in a statement that". */
export function contentAfterCue(text: string, frame: string, s: Sentence, cue: CueHit, end: number): Range | null {
  let from = cue.end - s.start;
  const tail = frame.slice(from, end - s.start);
  const that = /^((?:\s+[^\s,.;:\uE000]+){0,8}?)\s+that\s+/i.exec(tail);
  if (that) from += that[0].length;
  else {
    if (OBJECT_CUES.has(cue.word) || THAT_CUES.has(cue.word)) return null;
    const skip = /^\s*(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in a statement|on [a-z]+day|this week|last week|yesterday|today)\s*,?/i.exec(tail);
    if (skip) from += skip[0].length;
  }
  // "Instead, she said, the port needs …": the content starts after the by-line's comma.
  const lead = /^[\s,;:]*/.exec(text.slice(s.start + from, end))![0].length;
  const r = trimRange(text, s.start + from + lead, end);
  const content = text.slice(r.start, r.end);
  if (wordsOf(text, r.start, r.end).length < 3 || /^[“"‘']/.test(content) || SUBORDINATOR.test(content)) return null;
  return r;
}

/** "State radio quoted a ministry spokesman as saying": the object of "quoted … as" is the speaker. */
export function quotedAs(text: string, frame: string, s: Sentence, cue: CueHit): Mention | null {
  if (!/^saying$/i.test(cue.word)) return null;
  const m = /\bquoted\s+([^,;:.\uE000]+?)\s+as\s*$/iu.exec(frame.slice(0, cue.start - s.start));
  if (!m) return null;
  const from = s.start + m.index + m[0].indexOf(m[1]!);
  return mentionIn(text, from, from + m[1]!.length, false);
}
