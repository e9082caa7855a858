/** Ordering, filtering and merge direction for the speakers view. Pure. */
import type { DuplicateCandidate, SpeakerUsage } from '../../../../shared/api.js';
import { normalizeName } from '../../../../shared/speakers.js';

/** Most quoted first, then by name; `filter` matches name, aliases, affiliation and role, ignoring case and accents. */
export function speakerRows(speakers: readonly SpeakerUsage[], filter: string): SpeakerUsage[] {
  const q = normalizeName(filter);
  const fits = (s: SpeakerUsage) => q === '' || [s.name, ...s.aliases, s.affiliation, s.role].some((t) => normalizeName(t).includes(q));
  return speakers.filter(fits).sort((a, b) => b.quoteCount - a.quoteCount || a.name.localeCompare(b.name));
}

/** True when every word of `short` is in `full` and `full` has more: "Gen Kayani" / "Ashfaq Parvez Kayani". */
function isFullerName(full: string, short: string): boolean {
  const f = new Set(normalizeName(full).split(' '));
  const s = normalizeName(short).split(' ');
  return f.size > s.length && s.every((w) => f.has(w));
}

/**
 * Which speaker of a duplicate pair survives a merge: the fuller name when one name is part of
 * the other; otherwise the one with more quotes, then more links, then the longer name.
 */
export function mergeDirection(pair: DuplicateCandidate, speakers: readonly SpeakerUsage[]): { keep: SpeakerUsage; merge: SpeakerUsage } | null {
  const a = speakers.find((s) => s.id === pair.a);
  const b = speakers.find((s) => s.id === pair.b);
  if (!a || !b) return null;
  if (isFullerName(a.name, b.name)) return { keep: a, merge: b };
  if (isFullerName(b.name, a.name)) return { keep: b, merge: a };
  const score = (s: SpeakerUsage) => [s.quoteCount, s.linkCount, s.name.length];
  const [x, y] = [score(a), score(b)];
  const aWins = x[0]! !== y[0]! ? x[0]! > y[0]! : x[1]! !== y[1]! ? x[1]! > y[1]! : x[2]! >= y[2]!;
  return aWins ? { keep: a, merge: b } : { keep: b, merge: a };
}

/** Aliases typed as "a, b, c": trimmed, empty ones dropped, duplicates removed. */
export function parseAliases(text: string): string[] {
  return [...new Set(text.split(',').map((a) => a.trim()).filter(Boolean))];
}
