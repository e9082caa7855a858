/**
 * The suggester's speaker mentions: who a phrase names (a name, a pronoun, or a description such
 * as "a senior official"), the subject before a cue and the by-line after it.
 */
import type { SpeakerKind } from '../model.js';
import { DETERMINERS, GROUP_NOUNS, HONORIFICS, ISSUED_NOUNS, ORGANISATION_HEADS, PRONOUNS, ROLE_WORDS } from './lexicon.js';
import { MASK, pieces, trimRange, type Sentence } from './sentences.js';
import type { Range } from './types.js';

/** Whether a word starts with a capital. */
export const isUpper = (w: string) => /^\p{Lu}/u.test(w);

/** A phrase that names a speaker, and how. */
export interface Mention extends Range {
  text: string;
  type: 'name' | 'pronoun' | 'description';
  /** The speaker's name when it differs from the mention ("Inter-Services Public Relations" for "The Inter-Services Public Relations (ISPR)"). */
  name?: string;
  /** An acronym the mention introduces ("ISPR"). */
  alias?: string;
  /** Set when the words make the kind certain (an organisation's name). */
  kind?: SpeakerKind;
}

/** A word of the text with its range. */
export interface Word extends Range {
  text: string;
}

/** The words of [start, end): letters and digits with inner apostrophes, dots and hyphens, no full stop at the end. */
export function wordsOf(text: string, start: number, end: number): Word[] {
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
export const NOT_SUBJECTS = new Set(('in on at after before during outside inside asked under with without for from by to of as when while if since until ' +
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
export function capitalRuns(words: readonly Word[]): Word[][] {
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
export function nameFromRun(run: readonly Word[]): Word[] {
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
export function mentionIn(text: string, start: number, end: number, atSentenceStart: boolean): Mention | null {
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
export function headWord(words: readonly Word[]): Word {
  const stop = words.findIndex((w, i) => i > 0 && /^(of|at|in|from|with|for|on|who|whose|which|privy|familiar|close)$/i.test(w.text));
  return words[(stop > 0 ? stop : words.length) - 1]!;
}

/**
 * "The Inter-Services Public Relations (ISPR)": an organisation's name with its acronym in
 * brackets at the end of the phrase. The mention takes the closing bracket; the name drops the
 * article and a possessive owner ("Britain's").
 */
export function acronymName(text: string, words: readonly Word[]): Mention | null {
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

/** Words that open a relative clause or an appositive ("who chairs", "speaking"): the piece is not the subject. */
const RELATIVE = /^\s*(who|whose|whom|which|where|when|while|as|speaking|asked|standing|holding|queueing|one of|privy|familiar|close to|aged|based)\b/i;

/** The subject phrase before a cue, skipping appositives and relative clauses: "Amir Latif, who chairs …, insisted". */
export function subjectBefore(text: string, frame: string, s: Sentence, from: number, cueStart: number): Mention | null {
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

/** The by-line after a cue: "said Grace Okafor, a crane operator" → "Grace Okafor". */
export function subjectAfter(text: string, frame: string, s: Sentence, from: number, to: number): Mention | null {
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

const VERB_LIKE = /^(?:\p{L}{2,}ed|has|have|had|was|were|is|are|will|would|won|lost|went|made|took|gave|came|left|struck|began|ran|held|sent|kept|met)$/iu;
const NP_BREAK = new Set(['on', 'in', 'at', 'after', 'before', 'during', 'with', 'by', 'for', 'from', 'to', 'shortly', 'early', 'late', 'last', 'yesterday', 'today']);

/** The clause's subject: its words up to the first verb-like word or adverbial ("The High Court on Tuesday struck …" → "The High Court"). */
export function leadingNounPhrase(text: string, piece: Range): Mention | null {
  const words = wordsOf(text, piece.start, piece.end);
  let k = 0;
  // A participle right after a determiner is an adjective ("An unnamed official").
  const breaks = (w: Word, i: number) => NP_BREAK.has(w.text.toLowerCase()) || (VERB_LIKE.test(w.text) && !(i > 0 && DETERMINERS.has(words[i - 1]!.text.toLowerCase())));
  while (k < words.length && !breaks(words[k]!, k)) k += 1;
  if (k === 0) return null;
  return mentionIn(text, words[0]!.start, words[k - 1]!.end, true);
}
