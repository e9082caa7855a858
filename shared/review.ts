/**
 * Review of colleagues' layers against yours, one document at a time: spans are grouped across
 * annotators by overlap (any labels), and each group is agree, conflict or only one side, with
 * the fields that differ. Decisions already taken (in the adjudicated layer) are attached.
 */
import { piecesOf } from './fragments.js';
import { resolveSpeakerId, type ProjectFile, type Span } from './model.js';
import { labelRole, resolveLabel } from './schema.js';
import { sharedLength, spanLength } from './agreement.js';
import type { z } from 'zod';
import type { reviewDecisionSchema } from './schemas.js';

export type ReviewState = 'agree' | 'conflict' | 'only-one';
export const REVIEW_FIELDS = ['range', 'label', 'speaker', 'stance', 'form'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

/** A decision recorded in the adjudicated layer. */
export type ReviewDecision = z.output<typeof reviewDecisionSchema>;

export interface ReviewVersion {
  annotator: string;
  span: Span;
}

export interface ReviewItem {
  /** Stable while the layers do not change: the ids of the member spans, joined. */
  key: string;
  state: ReviewState;
  start: number;
  end: number;
  versions: ReviewVersion[];
  /** Annotators without a span here. */
  missing: string[];
  /** Fields whose values differ between the versions (conflicts only). */
  differences: ReviewField[];
  decision: ReviewDecision | null;
}

type Schema = Pick<ProjectFile, 'schema' | 'speakerRedirects'>;

/** The compared value of each field of a span, after renames and merges. */
export function fieldValues(span: Span, project: Schema): Record<ReviewField, string> {
  const label = resolveLabel(project.schema, span.label);
  return {
    range: piecesOf(span).map(([s, e]) => `${s}-${e}`).join(','),
    label: labelRole(project.schema.labels, label) ?? label,
    speaker: span.speakerId ? resolveSpeakerId(project, span.speakerId) : '',
    stance: span.stance ? `${span.stance.value}@${span.stance.targetId}` : '',
    form: span.attrs.form ?? '',
  };
}

/**
 * Groups the layers' spans: a span joins the group whose first span it overlaps by at least half
 * of the shorter one (largest overlap first) when that group has no span of its annotator yet.
 */
export function reviewItems(layers: readonly { annotator: string; spans: readonly Span[] }[], project: Schema, decisions: readonly ReviewDecision[] = []): ReviewItem[] {
  const groups: { versions: ReviewVersion[] }[] = [];
  for (const { annotator, spans } of layers) {
    const taken = new Set<number>();
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const span of sorted) {
      const pieces = piecesOf(span);
      let best = -1;
      let bestScore = 0;
      groups.forEach((g, i) => {
        if (taken.has(i) || g.versions.some((v) => v.annotator === annotator)) return;
        const other = piecesOf(g.versions[0]!.span);
        const shared = sharedLength(pieces, other);
        const shorter = Math.min(spanLength(pieces), spanLength(other));
        if (shorter > 0 && shared * 2 >= shorter && shared > bestScore) {
          best = i;
          bestScore = shared;
        }
      });
      if (best >= 0) {
        taken.add(best);
        groups[best]!.versions.push({ annotator, span });
      } else {
        groups.push({ versions: [{ annotator, span }] });
        taken.add(groups.length - 1);
      }
    }
  }
  const names = layers.map((l) => l.annotator);
  const items = groups.map((g): ReviewItem => {
    const values = g.versions.map((v) => fieldValues(v.span, project));
    const differences = REVIEW_FIELDS.filter((f) => new Set(values.map((v) => v[f])).size > 1);
    const missing = names.filter((n) => !g.versions.some((v) => v.annotator === n));
    const state: ReviewState = g.versions.length === 1 ? 'only-one' : missing.length === 0 && differences.length === 0 ? 'agree' : 'conflict';
    const ids = g.versions.map((v) => v.span.id);
    return {
      key: ids.join('+'),
      state,
      start: Math.min(...g.versions.map((v) => v.span.start)),
      end: Math.max(...g.versions.map((v) => v.span.end)),
      versions: g.versions,
      missing,
      differences: state === 'conflict' ? differences : [],
      decision: decisions.find((d) => d.spanIds.some((id) => ids.includes(id))) ?? null,
    };
  });
  return items.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** How many items are in each state, and how many are decided. */
export function reviewCounts(items: readonly ReviewItem[]): Record<ReviewState, number> & { decided: number; total: number } {
  const counts = { agree: 0, conflict: 0, 'only-one': 0, decided: 0, total: items.length };
  for (const i of items) {
    counts[i.state] += 1;
    if (i.decision) counts.decided += 1;
  }
  return counts;
}
