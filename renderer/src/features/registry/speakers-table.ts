/** Ordering, filtering and merge direction for the speakers view. Pure. */
import type { DuplicateCandidate, SpeakerUsage } from '../../../../shared/api.js';
import { normalizeName } from '../../../../shared/speakers.js';

/** Most quoted first, then by name; `filter` matches name, aliases, affiliation and role, ignoring case and accents. */
export function speakerRows(speakers: readonly SpeakerUsage[], filter: string): SpeakerUsage[] {
  const q = normalizeName(filter);
  const fits = (s: SpeakerUsage) => q === '' || [s.name, ...s.aliases, s.affiliation, s.role].some((t) => normalizeName(t).includes(q));
  return speakers.filter(fits).sort((a, b) => b.quoteCount - a.quoteCount || a.name.localeCompare(b.name));
}

/** Which speaker of a duplicate pair survives a merge: the one with more quotes, then more links, then the longer name. */
export function mergeDirection(pair: DuplicateCandidate, speakers: readonly SpeakerUsage[]): { keep: SpeakerUsage; merge: SpeakerUsage } | null {
  const a = speakers.find((s) => s.id === pair.a);
  const b = speakers.find((s) => s.id === pair.b);
  if (!a || !b) return null;
  const score = (s: SpeakerUsage) => [s.quoteCount, s.linkCount, s.name.length];
  const [x, y] = [score(a), score(b)];
  const aWins = x[0]! !== y[0]! ? x[0]! > y[0]! : x[1]! !== y[1]! ? x[1]! > y[1]! : x[2]! >= y[2]!;
  return aWins ? { keep: a, merge: b } : { keep: b, merge: a };
}

/** Aliases typed as "a, b, c": trimmed, empty ones dropped, duplicates removed. */
export function parseAliases(text: string): string[] {
  return [...new Set(text.split(',').map((a) => a.trim()).filter(Boolean))];
}
