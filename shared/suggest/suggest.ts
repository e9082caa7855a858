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
 */
import { normalizeName, findSpeakers, guessSpeakerKind, speakerMatcher, type SpeakerMatch } from '../speakers.js';
import type { Speaker, SpeakerKind } from '../model.js';
import { createOffsetMap } from '../offsets.js';
import { splitParagraphs } from '../text.js';
import { findQuoteRegions, type QuoteRegion } from './quote-marks.js';
import {
  ABBREVIATIONS,
  ACCORDING_RE,
  CUE_RE,
  DATA_NOUNS,
  DETERMINERS,
  FEMALE_HONORIFICS,
  GROUP_NOUNS,
  HONORIFICS,
  ISSUED_NOUNS,
  ORGANISATION_HEADS,
  MALE_HONORIFICS,
  NAMING_CUES,
  OBJECT_CUES,
  PARTICIPLE_CUES,
  PRONOUNS,
  THAT_CUES,
  QUESTION_CUES,
  ROLE_WORDS,
} from './lexicon.js';

export type QuoteForm = 'direct' | 'indirect' | 'mixed';

/** A proposed span: label, code point offsets (half-open) and its text. */
export interface SuggestedSpan {
  label: 'QUOTE' | 'SOURCE' | 'CUE';
  start: number;
  end: number;
  text: string;
}

/** The speaker a suggestion proposes: a registry entry when one matched, else a new one. */
export interface SuggestedSpeaker {
  name: string;
  kind: SpeakerKind;
  /** The registry speaker the name matched, or null for a new speaker. */
  speakerId: string | null;
  /** Other names the text gives a new speaker (an acronym: "ISPR"); absent when none. */
  aliases?: string[];
}

/** One proposed quote with its source mention, cue and speaker. */
export interface Suggestion {
  /** Stable for the same quote range: `sg_START_END` (code points). */
  id: string;
  quote: SuggestedSpan & { form: QuoteForm };
  source: SuggestedSpan | null;
  cue: SuggestedSpan | null;
  speaker: SuggestedSpeaker | null;
}

interface Range {
  start: number;
  end: number;
}

interface Sentence extends Range {
  quotes: QuoteRegion[];
}

interface Mention extends Range {
  text: string;
  type: 'name' | 'pronoun' | 'description';
  /** The speaker's name when it differs from the mention ("Inter-Services Public Relations" for "The Inter-Services Public Relations (ISPR)"). */
  name?: string;
  /** An acronym the mention introduces ("ISPR"). */
  alias?: string;
  /** Set when the words make the kind certain (an organisation's name). */
  kind?: SpeakerKind;
}

/** A speaker as the document has introduced it so far. */
interface Known {
  id: string;
  name: string;
  aliases: string[];
  kind: SpeakerKind;
  gender: 'm' | 'f' | null;
  seen: number;
}

interface Draft {
  quote: Range & { form: QuoteForm };
  source: Mention | null;
  cue: Range | null;
  speaker: Known | null;
}

const MASK = '\uE000';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u00a0';
const isUpper = (w: string) => /^\p{Lu}/u.test(w);

function trimRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s += 1;
  while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
  return { start: s, end: e };
}

const DATELINE = /^\p{Lu}[\p{Lu}\s.,'’-]{1,40}\s[—–-]\s+/u;

/** Sentences over the whole text; a quote is one token, so a quote over paragraphs stays in one sentence. */
export function splitSentences(text: string, regions: readonly QuoteRegion[]): Sentence[] {
  const out: Sentence[] = [];
  let start = -1;
  let quotes: QuoteRegion[] = [];
  let qi = 0;
  const close = (end: number) => {
    if (start >= 0) {
      const r = trimRange(text, start, end);
      if (r.end > r.start) out.push({ ...r, quotes });
    }
    start = -1;
    quotes = [];
  };
  let i = 0;
  while (i < text.length) {
    while (qi < regions.length && regions[qi]!.start < i) qi += 1;
    const c = text[i]!;
    if (qi < regions.length && regions[qi]!.start === i) {
      const q = regions[qi]!;
      qi += 1;
      if (start < 0) start = i;
      quotes.push(q);
      i = q.end;
      const inner = text.slice(q.innerStart, q.innerEnd).trimEnd();
      if (/[.!?…]$/.test(inner)) {
        let j = i;
        while (isSpace(text[j])) j += 1;
        if (j >= text.length || isBreak(text[j]) || (j > i && /[\p{Lu}“"]/u.test(text[j]!))) close(i);
      }
      continue;
    }
    if (isBreak(c)) {
      close(i);
      i += 1;
      continue;
    }
    if (start < 0 && !/\s/.test(c)) {
      start = i;
      // A dateline ("KESTREL BAY — ") opens the paragraph, not the sentence.
      const dateline = (i === 0 || isBreak(text[i - 1])) && DATELINE.exec(text.slice(i, i + 80));
      if (dateline) {
        i += dateline[0].length;
        start = i;
        continue;
      }
    }
    if (c === '.' || c === '!' || c === '?') {
      const word = /([\p{L}]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? '';
      const decimal = c === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '');
      const next = text[i + 1];
      if (!decimal && !(c === '.' && ABBREVIATIONS.has(word)) && (next === undefined || isSpace(next) || isBreak(next))) {
        close(i + 1);
        i += 1;
        continue;
      }
    }
    i += 1;
  }
  close(text.length);
  return out;
}

/**
 * A quote that reads as speech: it spans paragraphs, or starts like a sentence and ends in
 * punctuation or holds a sentence end. One starting in lower case is the rest of a split quote
 * ("“We open at dawn,” she said, “and close at dusk.”") when `previous` is speech; else a fragment.
 */
function isSpeech(text: string, q: QuoteRegion, previous?: QuoteRegion): boolean {
  const inner = text.slice(q.innerStart, q.innerEnd).trim();
  if (q.paragraphs > 1) return true;
  if (/^\p{Ll}/u.test(inner) && !(previous && isSpeech(text, previous) && /^[\s,\p{L}]*[,:]\s*$/u.test(text.slice(previous.end, q.start)))) return false;
  if (/[,.!?…;:—–-]$/.test(inner)) return true;
  return /[.!?]\s+\p{Lu}/u.test(inner);
}

/** The sentence's text with its quotes masked, so rules never look inside quoted words. */
function frameOf(text: string, s: Sentence): string {
  let out = '';
  let at = s.start;
  for (const q of s.quotes) {
    out += text.slice(at, q.start) + MASK.repeat(q.end - q.start);
    at = q.end;
  }
  return out + text.slice(at, s.end);
}

interface Word extends Range {
  text: string;
}

function wordsOf(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    let w = m[0].replace(/[.]+$/, '');
    if (/^\p{L}+\.$/u.test(m[0]) && HONORIFICS.has(m[0].slice(0, -1).toLowerCase())) w = m[0].slice(0, -1);
    out.push({ start: start + m.index, end: start + m.index + w.length, text: w });
  }
  return out;
}

/** Strips a possessive ending ("Farah’s" → "Farah"). */
function stripPossessive(w: Word): Word {
  const m = /['’]s$/u.exec(w.text);
  return m ? { start: w.start, end: w.end - 2, text: w.text.slice(0, -2) } : w;
}

const AUXILIARIES = new Set(['has', 'have', 'had', 'was', 'were', 'is', 'are', 'will', 'would', 'also', 'been', 'later', 'again', 'then', 'had']);

/** Words that start an adverbial, never a speaker ("In its ruling", "Asked whether …"). */
const NOT_SUBJECTS = new Set(('in on at after before during outside inside asked under with without for from by to of as when while if since until ' +
  'meanwhile however yesterday today later earlier there here it this that what ' +
  // A sentence opening with an auxiliary is a question ("Are we supposed to say: …"), never a speaker.
  'are were is was do does did will would should could can may might must shall have has had i').split(' '));

const CONNECTORS = new Set(['bin', 'bint', 'al', 'el', 'de', 'da', 'van', 'von', 'der', 'ul', 'ud']);

const ORGANISATION_CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on']);

/** True when a run of words holds an organisation's head word ("Ministry", "Council", "Office"). */
const isOrganisation = (run: readonly Word[]) =>
  run.some((w, i) => isUpper(w.text) && ORGANISATION_HEADS.has(w.text.toLowerCase()) && (i === run.length - 1 || ORGANISATION_CONNECTORS.has(run[i + 1]!.text)));

/**
 * Runs of capitalised words (a name may hold "bin", "al", "van"…; an organisation's name "of",
 * "for", "and", "the" before more capitals: "Ministry of Defence", "Council of the Western Isles").
 */
function capitalRuns(words: readonly Word[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const capitalAhead = (k: number): boolean =>
    k < words.length && (isUpper(words[k]!.text) || (ORGANISATION_CONNECTORS.has(words[k]!.text.toLowerCase()) && capitalAhead(k + 1)));
  words.forEach((w, k) => {
    const lower = w.text.toLowerCase();
    const inside =
      run.length > 0 &&
      ((CONNECTORS.has(lower) && k + 1 < words.length && isUpper(words[k + 1]!.text)) ||
        (ORGANISATION_CONNECTORS.has(lower) && isOrganisation(run) && capitalAhead(k + 1)));
    if (isUpper(w.text) || inside) run.push(w);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  return runs;
}

/** The name inside a run of capitalised words: role words and a possessive owner dropped, honorifics kept. */
function nameFromRun(run: readonly Word[]): Word[] {
  // Everything up to the last role word is the role ("Water Minister Farhana Qureshi"); an
  // organisation's name has no role words in it, and its owner goes ("Britain's Ministry of Defence").
  let k = 0;
  const organisation = isOrganisation(run);
  for (let i = 0; i < run.length - 1; i += 1) {
    if ((!organisation && ROLE_WORDS.has(run[i]!.text.toLowerCase())) || /['’]s$/u.test(run[i]!.text)) k = i + 1;
  }
  return run.slice(k).map((w, i, all) => (i === all.length - 1 ? stripPossessive(w) : w));
}

/** The speaker mention a phrase (a subject or a by-line after the cue) makes, or null. */
function mentionIn(text: string, start: number, end: number, atSentenceStart: boolean): Mention | null {
  const r = trimRange(text, start, end);
  let words = wordsOf(text, r.start, r.end);
  while (words.length && /^(and|but|then|also|yet|so)$/i.test(words[0]!.text)) words = words.slice(1);
  // "Farmers upstream have complained": auxiliaries before the cue are not part of the subject.
  while (words.length > 1 && AUXILIARIES.has(words[words.length - 1]!.text.toLowerCase())) words = words.slice(0, -1);
  if (words.length === 0 || text.slice(r.start, r.end).includes(MASK)) return null;
  const first = words[0]!.text.toLowerCase();
  if (words.length === 1 && PRONOUNS[first]) return { ...words[0]!, type: 'pronoun' };
  if (NOT_SUBJECTS.has(first)) return null;
  // "A statement issued by the ISPR": the body that issued it is the speaker.
  if (words.length >= 4 && DETERMINERS.has(first) && ISSUED_NOUNS.has(words[1]!.text.toLowerCase())) {
    const by = words.findIndex((w, i) => i >= 2 && i <= 3 && w.text.toLowerCase() === 'by');
    if (by > 0 && (by === 2 || /^(issued|released|published|sent|posted|signed)$/i.test(words[2]!.text)) && by + 1 < words.length) {
      return mentionIn(text, words[by + 1]!.start, r.end, false);
    }
  }
  const acronym = acronymName(text, words);
  if (acronym) return acronym;
  const head = headWord(words);
  // "Defence analysts", "Senior Pakistani officials": a group or a description of one, not a name.
  const describesGroup = !isUpper(head.text) && (GROUP_NOUNS.has(head.text) || GROUP_NOUNS.has(`${head.text}s`) || /^spokes(man|woman|person)$/.test(head.text));
  // "Gilani’s office": what a name owns is a description, not the name.
  const owned = !isUpper(head.text) && words.some((w) => w !== head && /['’]s$/u.test(w.text));
  const describes = DETERMINERS.has(first) || !isUpper(words[0]!.text) || (atSentenceStart && GROUP_NOUNS.has(first)) || describesGroup || owned;
  const titled = titledName(words);
  if (titled && !describesGroup) return { start: titled[0]!.start, end: titled[titled.length - 1]!.end, text: text.slice(titled[0]!.start, titled[titled.length - 1]!.end), type: 'name' };
  if (describes) {
    // "A senior ministry official who asked not to be named": the relative clause is not the speaker's name.
    const relative = words.findIndex((w, i) => i > 0 && /^(who|whose|which)$/i.test(w.text));
    if (relative > 0) words = words.slice(0, relative);
    if (words.length > 9) return null;
    const last = words[words.length - 1]!;
    return { start: words[0]!.start, end: last.end, text: text.slice(words[0]!.start, last.end), type: 'description' };
  }
  const runs = capitalRuns(words);
  // A sentence-initial common word is capitalised too ("Rights activist Rubina Malik"): prefer a later run.
  // The last run is the name: role words and a capitalised sentence-initial word come before it.
  const run = runs[runs.length - 1];
  if (!run || words.length > 8) return null;
  // "Director of Public Affairs at the centre": a title, whose capitals after "of" name no one.
  const at = words.indexOf(run[0]!);
  if (at > 0 && /^(of|for|at|with|to)$/i.test(words[at - 1]!.text) && ROLE_WORDS.has(first)) {
    const last = words[words.length - 1]!;
    return { start: words[0]!.start, end: last.end, text: text.slice(words[0]!.start, last.end), type: 'description' };
  }
  const name = nameFromRun(run);
  const a = name[0]!;
  const b = name[name.length - 1]!;
  return { start: a.start, end: b.end, text: text.slice(a.start, b.end), type: 'name', ...(isOrganisation(name) ? { kind: 'organization' as const } : {}) };
}

/**
 * A name after its title at the end of a phrase: "the Afghan Deputy Foreign Minister Jawed
 * Ludin", "Special Assistant for Public Affairs for the CJCS Captain John Kirby" → the last run's
 * words after its last role word, when at least two remain and the run is no organisation.
 */
function titledName(words: readonly Word[]): Word[] | null {
  const run = capitalRuns(words).pop();
  if (!run || run[run.length - 1] !== words[words.length - 1] || isOrganisation(run)) return null;
  let role = -1;
  run.forEach((w, i) => {
    if (ROLE_WORDS.has(w.text.toLowerCase())) role = i;
  });
  if (role < 0 || run.length - role - 1 < 2) return null;
  const name = nameFromRun(run);
  return name.length >= 2 && name.length === run.length - role - 1 ? name : null;
}

/** The head of a noun phrase: its last word before a preposition or relative pronoun ("officials" in "officials privy to the talks"). */
function headWord(words: readonly Word[]): Word {
  const stop = words.findIndex((w, i) => i > 0 && /^(of|at|in|from|with|for|on|who|whose|which|privy|familiar|close)$/i.test(w.text));
  return words[(stop > 0 ? stop : words.length) - 1]!;
}

/**
 * "The Inter-Services Public Relations (ISPR)": an organisation's name with its acronym in
 * brackets at the end of the phrase. The mention takes the closing bracket; the name drops the
 * article and a possessive owner ("Britain's").
 */
function acronymName(text: string, words: readonly Word[]): Mention | null {
  const last = words[words.length - 1];
  if (!last || words.length < 2 || !/^\p{Lu}[\p{Lu}\p{N}&-]{1,11}$/u.test(last.text) || text[last.start - 1] !== '(' || text[last.end] !== ')') return null;
  let body = words.slice(0, -1);
  const owner = body.findIndex((w) => /['’]s$/u.test(w.text));
  if (owner >= 0) body = body.slice(owner + 1);
  if (body.length && DETERMINERS.has(body[0]!.text.toLowerCase())) body = body.slice(1);
  const runs = capitalRuns(body);
  if (runs.length !== 1 || runs[0]!.length !== body.length) return null;
  const a = body[0]!;
  const b = body[body.length - 1]!;
  return { start: words[0]!.start, end: last.end + 1, text: text.slice(words[0]!.start, last.end + 1), type: 'name', name: text.slice(a.start, b.end), alias: last.text, kind: 'organization' };
}

/** Comma-separated pieces of [start, end). */
function pieces(frame: string, offset: number, start: number, end: number): Range[] {
  const out: Range[] = [];
  let at = start;
  for (let i = start; i <= end; i += 1) {
    if (i === end || frame[i - offset] === ',' || frame[i - offset] === ';') {
      if (i > at) out.push({ start: at, end: i });
      at = i + 1;
    }
  }
  return out;
}

const RELATIVE = /^\s*(who|whose|whom|which|where|when|while|as|speaking|asked|standing|holding|queueing|one of|privy|familiar|close to|aged|based)\b/i;

/** The subject phrase before a cue, skipping appositives and relative clauses: "Amir Latif, who chairs …, insisted". */
function subjectBefore(text: string, frame: string, s: Sentence, from: number, cueStart: number): Mention | null {
  const parts = pieces(frame, s.start, from, cueStart).filter((p) => text.slice(p.start, p.end).trim() !== '');
  for (let k = parts.length - 1; k >= 0; k -= 1) {
    const p = parts[k]!;
    const piece = text.slice(p.start, p.end);
    if ((RELATIVE.test(piece) || /^\s*(a|an)\s/i.test(piece)) && k > 0) continue;
    if (piece.includes(MASK) || frame.slice(p.start - s.start, p.end - s.start).includes(MASK)) return null;
    const mention = mentionIn(text, p.start, p.end, p.start === from && from === s.start);
    // "Kofi Mensah, the port's operations director, told" (or a title too long to read as a
    // description): the piece is an appositive of the name before it.
    if ((!mention || mention.type === 'description') && k > 0 && !RELATIVE.test(text.slice(parts[k - 1]!.start, parts[k - 1]!.end))) {
      const before = mentionIn(text, parts[k - 1]!.start, parts[k - 1]!.end, parts[k - 1]!.start === s.start);
      if (before?.type === 'name') return before;
    }
    return mention;
  }
  return null;
}

/** "State radio quoted a ministry spokesman as saying": the object of "quoted … as" is the speaker. */
function quotedAs(text: string, frame: string, s: Sentence, cue: CueHit): Mention | null {
  if (!/^saying$/i.test(cue.word)) return null;
  const m = /\bquoted\s+([^,;:.\uE000]+?)\s+as\s*$/iu.exec(frame.slice(0, cue.start - s.start));
  if (!m) return null;
  const from = s.start + m.index + m[0].indexOf(m[1]!);
  return mentionIn(text, from, from + m[1]!.length, false);
}

/** The by-line after a cue: "said Grace Okafor, a crane operator" → "Grace Okafor". */
function subjectAfter(text: string, frame: string, s: Sentence, from: number, to: number): Mention | null {
  const rest = frame.slice(from - s.start, to - s.start);
  const stop = /[,;.:!?\uE000]|\s(as|when|while|after|before|because|who|which|from|to|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i.exec(rest);
  const end = from + (stop ? stop.index : rest.length);
  const mention = mentionIn(text, from, end, false);
  if (!mention || mention.type === 'pronoun') return mention;
  // "said coach Imran Baig": a lower-case role before a name.
  const runs = capitalRuns(wordsOf(text, mention.start, mention.end));
  if (mention.type === 'description' && runs.length > 0 && !/^(a|an|the|one)$/i.test(mention.text.split(' ')[0]!)) {
    const name = nameFromRun(runs[runs.length - 1]!);
    return { start: name[0]!.start, end: name[name.length - 1]!.end, text: text.slice(name[0]!.start, name[name.length - 1]!.end), type: 'name' };
  }
  return mention;
}

interface CueHit extends Range {
  word: string;
}

function cuesIn(frame: string, offset: number, from = 0, to = frame.length): CueHit[] {
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

const ADVERBIAL = /^\s*(?:(?:on|in|at|last|this|earlier|later|late|after|before|during|outside|yesterday|today|tonight|again)\b[^,.;:\uE000]*?)?(?=\s*(?:[,.;:!?]|$))/i;

/** Words between a cue and its "that"-clause: "told this newspaper that", "said in a statement that". */
function contentAfterCue(text: string, frame: string, s: Sentence, cue: CueHit, end: number): Range | null {
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

/** The sentence's end without its final punctuation. */
function contentEnd(text: string, s: Sentence): number {
  let e = s.end;
  while (e > s.start && /[.!?\s]/.test(text[e - 1]!)) e -= 1;
  return e;
}

/** "the man", "the woman": the last single speaker, as a pronoun would. */
const GENERIC_PEOPLE = new Set(['man', 'woman', 'boy', 'girl', 'person']);

/** A description of several people ("officials privy to the talks", "two nurses"). */
function plural(description: string): boolean {
  const words = description.toLowerCase().split(/\s+/);
  if (/^(two|three|four|five|several|some|many|other)$/.test(words[0]!)) return true;
  const head = words.find((w, i) => i > 0 && /^(of|at|in|from|with|for|who|privy|familiar|on)$/.test(w)) ;
  const noun = head ? words[words.indexOf(head) - 1]! : words[words.length - 1]!;
  return /[^s]s$/.test(noun) || /^(people|police|staff)$/.test(noun);
}

class Speakers {
  private known: Known[] = [];
  private clock = 0;

  /** Notes a name that may later be referred to by a pronoun. */
  note(mention: Omit<Mention, 'start' | 'end' | 'type'>): void {
    this.resolve({ start: 0, end: 0, ...mention, type: 'name' }, false);
  }

  resolve(m: Mention, speaking = true): Known | null {
    this.clock += 1;
    if (m.type === 'pronoun') {
      const p = PRONOUNS[m.text.toLowerCase()]!;
      const fits = [...this.known]
        .sort((a, b) => b.seen - a.seen)
        .find((k) => (p.thing ? k.kind === 'organization' : p.plural ? k.kind !== 'person' : (k.kind === 'person' || (k.kind === 'anonymous' && !plural(k.name))) && (k.gender === null || k.gender === p.gender)));
      if (fits) {
        if (!p.plural && !p.thing) fits.gender = p.gender;
        if (speaking) fits.seen = this.clock;
      }
      return fits ?? null;
    }
    if (m.type === 'description') {
      const words = m.text.toLowerCase().split(/\s+/);
      if (words[0] === 'the' && words.length === 2 && GENERIC_PEOPLE.has(words[1]!)) {
        const hit = [...this.known].sort((a, b) => b.seen - a.seen).find((k) => k.kind === 'person' || (k.kind === 'anonymous' && !plural(k.name)));
        if (hit) {
          hit.seen = this.clock;
          return hit;
        }
      }
      if (words[0] === 'the' && words.length <= 3) {
        const head = words[words.length - 1]!.replace(/s$/, '');
        // "the official" is not "military officials": a singular head describes one speaker.
        const fits = (k: Known) => words[words.length - 1]!.endsWith('s') || k.kind !== 'anonymous' || !plural(k.name);
        const hit = [...this.known]
          .sort((a, b) => b.seen - a.seen)
          .find((k) => fits(k) && [k.name, ...k.aliases].some((n) => n.toLowerCase().split(/[\s'’]+/).some((w) => w.replace(/s$/, '') === head)));
        if (hit) {
          hit.seen = this.clock;
          return hit;
        }
      }
      const same = this.known.find((k) => normalizeName(k.name) === normalizeName(m.text));
      if (same) {
        same.seen = this.clock;
        return same;
      }
      // "the High Court", "the UN refugee agency" are bodies; "a senior Pakistani official" is a person unnamed.
      const phrase = m.text.split(/\s+/).map((w) => ({ start: 0, end: 0, text: w }));
      const head = headWord(phrase);
      const body = (isUpper(head.text) && phrase.indexOf(head) > 0) || ORGANISATION_HEADS.has(head.text.toLowerCase());
      const kind: SpeakerKind = m.kind ?? (body ? 'organization' : 'anonymous');
      return this.add(DETERMINERS.has(words[0]!) || GROUP_NOUNS.has(words[0]!) ? m.text[0]!.toLowerCase() + m.text.slice(1) : m.text, kind, null);
    }
    const name = m.name ?? m.text;
    const norm = normalizeName(name);
    const alias = m.alias ? normalizeName(m.alias) : null;
    const same = this.known.find((k) => [k.name, ...k.aliases].some((n) => normalizeName(n) === norm || normalizeName(n) === alias));
    if (same && same.kind !== 'anonymous') {
      if (speaking) same.seen = this.clock;
      if (m.alias && !same.aliases.includes(m.alias)) same.aliases.push(m.alias);
      return same;
    }
    const tokens = name.split(/\s+/);
    const honor = tokens[0]!.toLowerCase().replace(/\.$/, '');
    const gender = MALE_HONORIFICS.has(honor) ? 'm' : FEMALE_HONORIFICS.has(honor) ? 'f' : null;
    const people = this.known.filter((k) => k.kind === 'person' || k.kind === 'organization');
    const registry: Speaker[] = people.map((k) => ({ id: k.id, name: k.name, aliases: k.aliases, kind: k.kind, affiliation: '', role: '' }));
    const hit = findSpeakers(registry, name, 1)[0];
    // A one-word short form is one of the name's words ("Mr Latif" for "Amir Latif", "Lin" for "Lin Mei");
    // a longer one ends in the same word ("Sirajuddin Haqqani" is not "Haqqani Network").
    const words = (n: string) => normalizeName(n).split(' ');
    const close = (a: string, b: string) => (findSpeakers([{ id: 'w', name: a, aliases: [], kind: 'person', affiliation: '', role: '' }], b, 1)[0]?.score ?? 1) <= 0.35;
    const sameSurname = (k: Speaker) => {
      const mine = words(name);
      return mine.length === 1 ? words(k.name).some((w) => close(w, mine[0]!)) : close(words(k.name).pop()!, mine[mine.length - 1]!);
    };
    if (hit && hit.score <= 0.35 && norm !== '' && !shortFormOfOrganisation(name, hit.speaker) && sameSurname(hit.speaker) && (m.kind ?? hit.speaker.kind) === hit.speaker.kind) {
      const k = this.known.find((x) => x.id === hit.speaker.id)!;
      if (speaking) k.seen = this.clock;
      if (gender) k.gender = gender;
      if (norm.split(' ').length > normalizeName(k.name).split(' ').length) k.name = name;
      return k;
    }
    const kind = m.kind ?? (guessSpeakerKind(name) === 'organization' ? 'organization' : 'person');
    const k = this.add(name, kind, gender);
    if (m.alias) k.aliases.push(m.alias);
    if (!speaking) k.seen = this.clock;
    return k;
  }

  private add(name: string, kind: SpeakerKind, gender: 'm' | 'f' | null): Known {
    const k: Known = { id: `k${this.known.length}`, name, aliases: [], kind, gender, seen: this.clock };
    this.known.push(k);
    return k;
  }
}

/** The attribution inside one sentence, after or before `quote`, as [source, cue]. */
function attributionAround(text: string, frame: string, s: Sentence, q: QuoteRegion, next: QuoteRegion | undefined, prev: QuoteRegion | undefined): { source: Mention | null; cue: Range } | null {
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
function bareAttribution(text: string, s: Sentence | undefined): { source: Mention | null; cue: Range } | null {
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

/** Indirect and mixed quotes in a sentence without speech quotes. */
function indirectIn(text: string, s: Sentence, speakers: Speakers): Draft[] {
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

const VERB_LIKE = /^(?:\p{L}{2,}ed|has|have|had|was|were|is|are|will|would|won|lost|went|made|took|gave|came|left|struck|began|ran|held|sent|kept|met)$/iu;
const NP_BREAK = new Set(['on', 'in', 'at', 'after', 'before', 'during', 'with', 'by', 'for', 'from', 'to', 'shortly', 'early', 'late', 'last', 'yesterday', 'today']);

/** The clause's subject: its words up to the first verb-like word or adverbial ("The High Court on Tuesday struck …" → "The High Court"). */
function leadingNounPhrase(text: string, piece: Range): Mention | null {
  const words = wordsOf(text, piece.start, piece.end);
  let k = 0;
  // A participle right after a determiner is an adjective ("An unnamed official").
  const breaks = (w: Word, i: number) => NP_BREAK.has(w.text.toLowerCase()) || (VERB_LIKE.test(w.text) && !(i > 0 && DETERMINERS.has(words[i - 1]!.text.toLowerCase())));
  while (k < words.length && !breaks(words[k]!, k)) k += 1;
  if (k === 0) return null;
  return mentionIn(text, words[0]!.start, words[k - 1]!.end, true);
}

/** Notes sentence-initial names ("Bilal Khan, a farmer, lost …") and people ("A senior official refused …") for later pronouns. */
function noteSubject(text: string, frame: string, s: Sentence, speakers: Speakers): void {
  const all = pieces(frame, s.start, s.start, s.end);
  const opening = all[0] && /^\s*(a|an)\s/i.test(text.slice(all[0].start, all[0].end)) ? leadingNounPhrase(text, all[0]) : null;
  if (opening?.type === 'description') {
    const head = headWord(wordsOf(text, opening.start, opening.end)).text.toLowerCase();
    if (GROUP_NOUNS.has(`${head}s`) || /^spokes(man|woman|person)$/.test(head)) speakers.resolve(opening);
  }
  for (const piece of all) {
    const words = wordsOf(text, piece.start, piece.end);
    for (const run of capitalRuns(words)) {
      const at = words.indexOf(run[0]!);
      // "Director of Public Affairs", "Chairman of Joint Chiefs of Staff": part of a title, not a name.
      if (at > 0 && /^(of|for)$/i.test(words[at - 1]!.text)) continue;
      const acronym = acronymName(text, run);
      if (acronym) {
        speakers.note({ text: acronym.name!, name: acronym.name!, alias: acronym.alias!, kind: 'organization' });
        continue;
      }
      const name = nameFromRun(run);
      if (name.length >= 2 && !DETERMINERS.has(name[0]!.text.toLowerCase()) && !NOT_SUBJECTS.has(name[0]!.text.toLowerCase())) speakers.note({ text: name.map((w) => w.text).join(' ') });
    }
  }
}

/** The text's quotes: double marks, or single marks where those are what quote speech (the British convention). */
function quoteRegions(text: string): QuoteRegion[] {
  const double = findQuoteRegions(text);
  const speechCount = (regions: QuoteRegion[]) => regions.filter((q, k) => isSpeech(text, q, regions[k - 1])).length;
  if (!/[‘']/.test(text)) return double;
  const single = findQuoteRegions(text, 'single');
  return speechCount(single) > speechCount(double) ? single : double;
}

/**
 * The headline: the document's first non-empty line (its title, as shared/text.ts documentTitle
 * reads it) when it does not end like a sentence and holds no quotation marks. "Minister says
 * talks will resume" reports nothing; a first line ending in a full stop is the story's lede.
 */
function headline(text: string, regions: readonly QuoteRegion[]): Range | null {
  const first = splitParagraphs(text).find((p) => text.slice(p.start, p.end).trim() !== '');
  if (!first) return null;
  const line = trimRange(text, first.start, first.end);
  if (/[.!?…]$/.test(text.slice(line.start, line.end))) return null;
  if (regions.some((q) => q.start < line.end && q.end > line.start)) return null;
  return line;
}

/** A sentence that only introduces what follows: "Brann told reporters:" or "Okonkwo said:" at a paragraph's end. */
function introduction(text: string, frame: string, s: Sentence): { source: Mention | null; cue: Range } | null {
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
  return finish(text, drafts, registry);
}

function finish(text: string, drafts: readonly Draft[], registry: readonly Speaker[]): Suggestion[] {
  const map = createOffsetMap(text);
  const matcher = speakerMatcher(registry.filter((r) => r.kind !== 'anonymous'));
  // One look-up per distinct name: a speaker quoted ten times is matched once.
  const cache = new Map<string, SpeakerMatch[]>();
  const named = (query: string, limit?: number) => {
    const key = `${normalizeName(query)}\u0000${limit ?? ''}`;
    if (!cache.has(key)) cache.set(key, matcher(query, limit));
    return cache.get(key)!;
  };
  const cp = (r: Range) => ({ start: map.toCodePoint(r.start), end: map.toCodePoint(r.end), text: text.slice(r.start, r.end) });
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const d of [...drafts].sort((a, b) => a.quote.start - b.quote.start)) {
    const quote = { label: 'QUOTE' as const, ...cp(d.quote), form: d.quote.form };
    const id = `sg_${quote.start}_${quote.end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      quote,
      source: d.source ? { label: 'SOURCE', ...cp(d.source) } : null,
      cue: d.cue ? { label: 'CUE', ...cp(d.cue) } : null,
      speaker: d.speaker ? matchRegistry(d.speaker, registry, named) : null,
    });
  }
  return out;
}

/** An organisation is never joined by a one-word short form ("Pakistan" is not "the Pakistani military"), only by its name or an alias. */
function shortFormOfOrganisation(query: string, speaker: Speaker): boolean {
  const norm = normalizeName(query);
  return speaker.kind === 'organization' && norm.split(' ').length === 1 && ![speaker.name, ...speaker.aliases].some((n) => normalizeName(n) === norm);
}

/** A proposed speaker matched to the registry: names fuzzily (aliases too), descriptions by exact wording. */
export function matchRegistry(
  speaker: { name: string; kind: SpeakerKind; aliases?: readonly string[] },
  registry: readonly Speaker[],
  named: (query: string, limit?: number) => SpeakerMatch[] = speakerMatcher(registry.filter((r) => r.kind !== 'anonymous')),
): SuggestedSpeaker {
  if (speaker.kind === 'anonymous') {
    const norm = normalizeName(speaker.name);
    const same = registry.find((r) => [r.name, ...r.aliases].some((n) => normalizeName(n) === norm));
    return same ? { name: same.name, kind: same.kind, speakerId: same.id } : { name: speaker.name, kind: speaker.kind, speakerId: null };
  }
  const hit = named(speaker.name, 1)[0];
  if (hit && hit.score <= 0.3 && !shortFormOfOrganisation(speaker.name, hit.speaker)) return { name: hit.speaker.name, kind: hit.speaker.kind, speakerId: hit.speaker.id };
  // An acronym the text gives ("ISPR") finds the registry entry that has it as its name or an alias.
  const aliases = speaker.aliases ?? [];
  const byAlias = registry.find((r) => r.kind === speaker.kind && aliases.some((a) => [r.name, ...r.aliases].some((n) => normalizeName(n) === normalizeName(a))));
  if (byAlias) return { name: byAlias.name, kind: byAlias.kind, speakerId: byAlias.id };
  return { name: speaker.name, kind: speaker.kind, speakerId: null, ...(aliases.length ? { aliases: [...aliases] } : {}) };
}
