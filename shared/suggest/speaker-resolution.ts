/**
 * The suggester's speaker resolution: the speakers a document has introduced so far, in the order
 * they spoke, so that a pronoun finds the last fitting speaker, "the official" the last one it
 * describes, and a name the speaker it names (shared/speakers.ts matches names).
 */
import { normalizeName, findSpeakers, guessSpeakerKind } from '../speakers.js';
import type { Speaker, SpeakerKind } from '../model.js';
import { DETERMINERS, FEMALE_HONORIFICS, GROUP_NOUNS, MALE_HONORIFICS, ORGANISATION_HEADS, PRONOUNS } from './lexicon.js';
import { acronymName, capitalRuns, headWord, isUpper, leadingNounPhrase, nameFromRun, NOT_SUBJECTS, wordsOf, type Mention } from './mentions.js';
import { pieces, type Sentence } from './sentences.js';

/** A speaker as the document has introduced it so far. */
export interface Known {
  id: string;
  name: string;
  aliases: string[];
  kind: SpeakerKind;
  gender: 'm' | 'f' | null;
  seen: number;
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

/** The speakers of one document as it is read: resolves each mention to one of them or a new one. */
export class Speakers {
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

/** An organisation is never joined by a one-word short form ("Pakistan" is not "the Pakistani military"), only by its name or an alias. */
export function shortFormOfOrganisation(query: string, speaker: Speaker): boolean {
  const norm = normalizeName(query);
  return speaker.kind === 'organization' && norm.split(' ').length === 1 && ![speaker.name, ...speaker.aliases].some((n) => normalizeName(n) === norm);
}

/** Notes sentence-initial names ("Bilal Khan, a farmer, lost …") and people ("A senior official refused …") for later pronouns. */
export function noteSubject(text: string, frame: string, s: Sentence, speakers: Speakers): void {
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
