/**
 * Finding speakers by name, alias or a misspelling of either, and spotting registry entries
 * that probably name the same speaker. Fuzzy matching is fuse.js (Bitap); this module decides
 * what a name is (titles, accents and punctuation do not count).
 */
import Fuse from 'fuse.js';
import type { Speaker } from './model.js';

/** Honorifics and ranks that news text puts before names; they never decide a match. */
const TITLES = new Set(
  ('mr mrs ms miss dr prof sir dame lord lady gen general lt col colonel maj major capt captain adm admiral cmdr brig brigadier sgt ' +
    'president pres vice prime minister pm senator sen rep representative gov governor mayor judge justice chief secretary sec ' +
    'ambassador amb gen. sheikh mullah maulana imam rev father bishop king queen prince princess councillor councilor cllr'
  ).split(' '),
);

/** Lower case, no accents, no punctuation, no titles (unless the name is only a title). */
export function normalizeName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const tokens = plain.split(' ').filter(Boolean);
  const kept = tokens.filter((t) => !TITLES.has(t));
  return (kept.length ? kept : tokens).join(' ');
}

/** One search hit: the speaker, the name or alias that matched, and a score (0 best, 1 worst). */
export interface SpeakerMatch {
  speaker: Speaker;
  matched: string;
  score: number;
}

interface Entry {
  speaker: Speaker;
  text: string;
  norm: string;
}

function entries(speakers: readonly Speaker[]): Entry[] {
  return speakers.flatMap((speaker) => [speaker.name, ...speaker.aliases].map((text) => ({ speaker, text, norm: normalizeName(text) })));
}

function fuse(list: Entry[], threshold: number): Fuse<Entry> {
  // Extended search: words in the query are matched separately (any order), each fuzzily.
  return new Fuse(list, { keys: ['norm'], includeScore: true, ignoreLocation: true, threshold, useExtendedSearch: true, isCaseSensitive: false });
}

/** Speakers whose name or alias fits `query`, best first; all speakers for an empty query. */
export function findSpeakers(speakers: readonly Speaker[], query: string, limit = 20): SpeakerMatch[] {
  return speakerMatcher(speakers)(query, limit);
}

/** findSpeakers over one registry, its index built once: for many look-ups (the suggester's names). */
export function speakerMatcher(speakers: readonly Speaker[]): (query: string, limit?: number) => SpeakerMatch[] {
  const index = fuse(entries(speakers), 0.4);
  return (query, limit = 20) => {
    const q = normalizeName(query);
    if (q === '') return speakers.slice(0, limit).map((speaker) => ({ speaker, matched: speaker.name, score: 1 }));
    const best = new Map<string, SpeakerMatch>();
    const add = (hits: { item: Entry; score?: number }[], penalty: number) => {
      for (const hit of hits) {
        const score = Math.min(1, (hit.score ?? 1) + penalty);
        const prev = best.get(hit.item.speaker.id);
        if (!prev || score < prev.score) best.set(hit.item.speaker.id, { speaker: hit.item.speaker, matched: hit.item.text, score });
      }
    };
    add(index.search(q), 0);
    // A fuller name than the registry holds ("Ilse Vandermeer" for "Vandermeer"): any longer word
    // may match on its own, ranked after names that match every word.
    const words = q.split(' ').filter((w) => w.length >= 4);
    if (words.length > 1) add(index.search(words.join(' | ')), 0.3);
    return [...best.values()].sort((a, b) => a.score - b.score || a.speaker.name.localeCompare(b.speaker.name)).slice(0, limit);
  };
}

/** A likely duplicate pair, for the registry's merge suggestions. */
export interface DuplicatePair {
  a: string;
  b: string;
  reason: string;
  score: number;
}

/**
 * Pairs of speakers that probably are one: a name whose words all appear in the other's name
 * ("Gen Kayani" / "Ashfaq Parvez Kayani"), or the same words spelled slightly differently
 * ("Qureshi" / "Qureishi"). Anonymous descriptions are compared only by exact wording.
 */
export function findDuplicateSpeakers(speakers: readonly Speaker[]): DuplicatePair[] {
  const named = speakers.filter((s) => s.kind !== 'anonymous');
  const list = entries(named);
  const index = fuse(list, 0.25);
  const pairs = new Map<string, DuplicatePair>();
  const add = (a: Speaker, b: Speaker, reason: string, score: number) => {
    if (a.id === b.id) return;
    const key = a.id < b.id ? `${a.id}\0${b.id}` : `${b.id}\0${a.id}`;
    const prev = pairs.get(key);
    if (!prev || score < prev.score) pairs.set(key, { a: a.id, b: b.id, reason, score });
  };
  for (const e of list) {
    const words = e.norm.split(' ');
    for (const hit of index.search(e.norm)) {
      const other = hit.item;
      if (other.speaker.id === e.speaker.id) continue;
      const otherWords = other.norm.split(' ');
      // Fuse matched every word of this name to some word of the other, each fuzzily.
      if (e.norm === other.norm) add(e.speaker, other.speaker, `same name: "${e.text}"`, 0);
      else if (words.length < otherWords.length) {
        const exact = words.every((w) => otherWords.includes(w));
        add(e.speaker, other.speaker, `short form${exact ? '' : ' (spelled differently)'}: "${e.text}" / "${other.text}"`, hit.score ?? 1);
      } else if (words.length === otherWords.length) add(e.speaker, other.speaker, `spelling variant: "${e.text}" / "${other.text}"`, hit.score ?? 1);
    }
  }
  // Anonymous descriptions: only identical wording is a safe suggestion.
  const anon = speakers.filter((s) => s.kind === 'anonymous');
  for (let i = 0; i < anon.length; i += 1) {
    for (let j = i + 1; j < anon.length; j += 1) {
      if (normalizeName(anon[i]!.name) === normalizeName(anon[j]!.name)) add(anon[i]!, anon[j]!, `same description: "${anon[i]!.name}"`, 0);
    }
  }
  return [...pairs.values()].sort((x, y) => x.score - y.score);
}

const ANONYMOUS_START = /^(a|an|the|one|two|three|several|some|many|other|senior|officials?|sources?|people|residents?|witnesses?)\b/i;
const ANONYMOUS_WORDS = /\b(official|officials|source|sources|spokes(?:man|woman|person)|aide|aides|diplomat|diplomats|privy|familiar with|who asked not to be named|on condition of anonymity)\b/i;
const ORGANIZATION_WORDS =
  /\b(ministry|department|army|police|party|commission|council|agency|office|government|court|university|bank|company|corporation|inc|ltd|association|union|league|front|movement|committee|bureau|authority|institute|foundation|forces|isi|ispr|un|nato)\b/i;

/**
 * The kind a new speaker most likely has, from the words that name it: descriptions
 * ("a senior security official", "officials privy to the talks") are anonymous, names of bodies
 * are organisations, the rest are people. The analyst can change it.
 */
export function guessSpeakerKind(name: string): Speaker['kind'] {
  const text = name.trim();
  if (text === '') return 'person';
  if (ANONYMOUS_START.test(text) || ANONYMOUS_WORDS.test(text) || text === text.toLowerCase()) return 'anonymous';
  if (ORGANIZATION_WORDS.test(text)) return 'organization';
  return 'person';
}
