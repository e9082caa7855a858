/** The label schema as an editable form, and the updateSchema request it makes. Pure. */
import type { ApiArgs } from '../../../../shared/api.js';
import type { LabelDef, StanceValue } from '../../../../shared/model.js';
import { validateLabels } from '../../../../shared/schema.js';

/** One label being edited; `original` is its name when the editor opened (null for a new label). */
export interface LabelRow {
  original: string | null;
  name: string;
  color: string;
  key: string;
  /** Attributes with their values as typed: "direct, indirect, mixed". */
  attributes: { name: string; values: string }[];
  formerNames: string[];
}

export function toRows(labels: readonly LabelDef[]): LabelRow[] {
  return labels.map((l) => ({
    original: l.name,
    name: l.name,
    color: l.color,
    key: l.key,
    attributes: l.attributes.map((a) => ({ name: a.name, values: a.values.join(', ') })),
    formerNames: l.formerNames ?? [],
  }));
}

/** "a, b,, a" → ["a", "b"]. */
export function parseValues(text: string): string[] {
  return [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))];
}

/** The labels the rows describe. */
export function toLabels(rows: readonly LabelRow[]): LabelDef[] {
  return rows.map((r) => ({
    name: r.name.trim(),
    color: r.color.toLowerCase(),
    key: r.key.trim().toLowerCase(),
    attributes: r.attributes.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), values: parseValues(a.values) })),
    ...(r.formerNames.length ? { formerNames: r.formerNames } : {}),
  }));
}

/** Why the form cannot be saved, or null. */
export function formProblem(rows: readonly LabelRow[]): string | null {
  if (rows.length === 0) return 'Keep at least one label.';
  for (const r of rows) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(r.name.trim())) return `“${r.name}”: a label name is a letter followed by up to 31 letters, digits, - or _.`;
    if (!/^[a-z0-9]?$/.test(r.key.trim().toLowerCase())) return `${r.name}: the key must be one letter or digit (or none).`;
    for (const a of r.attributes) if (a.name.trim() && parseValues(a.values).length === 0) return `${r.name}: the attribute ${a.name} needs at least one value.`;
  }
  return validateLabels(toLabels(rows));
}

/** The request: labels, stance names, and a rename for every label whose name changed. */
export function schemaRequest(rows: readonly LabelRow[], stanceLabels: Record<StanceValue, string>): ApiArgs<'updateSchema'> {
  const renames = rows.filter((r) => r.original !== null && r.original !== r.name.trim()).map((r) => ({ from: r.original as string, to: r.name.trim() }));
  return { labels: toLabels(rows), stanceLabels, renames };
}
