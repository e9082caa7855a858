/** Shapes the overview counts for the charts. Pure. */
import type { Overview } from '../../../../shared/api.js';

/** Names longer than this are cut with an ellipsis on chart axes. */
export const AXIS_NAME_MAX = 22;

export function shortName(name: string, max = AXIS_NAME_MAX): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** The `n` most quoted speakers, most first (ties by name), with axis names. */
export function topSpeakers(overview: Overview, n = 12): (Overview['quotesPerSpeaker'][number] & { short: string })[] {
  return [...overview.quotesPerSpeaker]
    .filter((s) => s.quotes > 0)
    .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name))
    .slice(0, n)
    .map((s) => ({ ...s, short: shortName(s.name) }));
}

/** Stance rows with at least one stance, most stances first, at most `n`. */
export function stanceRows<T extends { FAVOR: number; AGAINST: number; NONE: number }>(rows: readonly T[], name: (row: T) => string, n = 12): (T & { short: string; total: number })[] {
  return rows
    .map((r) => ({ ...r, short: shortName(name(r)), total: r.FAVOR + r.AGAINST + r.NONE }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || name(a).localeCompare(name(b)))
    .slice(0, n);
}

/** Per document: complete quotes, quotes missing something, other spans. In list order. */
export function documentRows(overview: Overview): { id: string; short: string; status: string; complete: number; incomplete: number; other: number }[] {
  return overview.documents.map((d) => {
    const complete = Math.min(d.quotesWithSpeaker, d.quotesWithStance);
    return { id: d.id, short: shortName(d.title || d.id, 26), status: d.status, complete, incomplete: d.quotes - complete, other: d.spans - d.quotes };
  });
}

/** "3 of 8 done". */
export function progressLine(overview: Overview): string {
  const { todo, inProgress, done } = overview.progress;
  return `${done} of ${todo + inProgress + done} done · ${inProgress} in progress · ${todo} to do`;
}
