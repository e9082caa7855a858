/**
 * The suggester's last stage: drafts into suggestions, in reading order, one per quote range,
 * offsets in code points, speakers matched to the registry.
 */
import { normalizeName, speakerMatcher, type SpeakerMatch } from '../speakers.js';
import type { Speaker, SpeakerKind } from '../model.js';
import { createOffsetMap } from '../offsets.js';
import type { Draft } from './attribution.js';
import { shortFormOfOrganisation } from './speaker-resolution.js';
import type { Range, SuggestedSpeaker, Suggestion } from './types.js';

/** The drafts as the answer: sorted by quote, a range suggested twice kept once, code points, registry speakers. */
export function assembleSuggestions(text: string, drafts: readonly Draft[], registry: readonly Speaker[]): Suggestion[] {
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

/**
 * A proposed speaker matched to the registry: names fuzzily (aliases too) through `named`, the
 * registry's name look-up, descriptions by exact wording.
 */
function matchRegistry(
  speaker: { name: string; kind: SpeakerKind; aliases?: readonly string[] },
  registry: readonly Speaker[],
  named: (query: string, limit?: number) => SpeakerMatch[],
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
