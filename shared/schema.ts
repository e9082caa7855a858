/** Rules for the project's label schema, shared by the schema editor and main's validation. */
import type { LabelDef, ProjectFile, StanceValue } from './model.js';
import { LABEL_NAME_RE } from './schemas.js';

/** Keys the app itself uses; a label cannot take them. */
export const RESERVED_KEYS: readonly string[] = ['n', 'p', 'd', 'l', 't', 'f', 'a', 'r', 'u', 'g', 'm', 'j', 'k', 'o', 'x', 'e', 'h', 'i', '1', '2', '3', '?', '/'];

/** Display names for the three stance values when the project does not rename them. */
export const DEFAULT_STANCE_LABELS: Record<StanceValue, string> = { FAVOR: 'Favor', AGAINST: 'Against', NONE: 'None' };

/** Why a label list cannot be saved, or null. */
export function validateLabels(labels: readonly LabelDef[]): string | null {
  if (labels.length === 0) return 'the schema needs at least one label';
  const names = new Set<string>();
  const keys = new Set<string>();
  for (const l of labels) {
    if (!LABEL_NAME_RE.test(l.name)) return `label name "${l.name}" must start with a letter and use letters, digits, _ or -`;
    if (names.has(l.name)) return `two labels are named ${l.name}`;
    names.add(l.name);
    if (!/^#[0-9a-fA-F]{6}$/.test(l.color)) return `${l.name}: colour must look like #rrggbb`;
    // '' is no key: an import adds labels without one when every key is taken.
    if (l.key !== '') {
      if (!/^[a-z0-9]$/.test(l.key)) return `${l.name}: the key must be one lower-case letter or digit`;
      if (RESERVED_KEYS.includes(l.key)) return `${l.name}: the key ${l.key} is used by the app`;
      if (keys.has(l.key)) return `${l.name}: the key ${l.key} is taken by another label`;
      keys.add(l.key);
    }
    const attrs = new Set<string>();
    for (const a of l.attributes) {
      if (!LABEL_NAME_RE.test(a.name)) return `${l.name}: attribute name "${a.name}" is not valid`;
      if (attrs.has(a.name)) return `${l.name}: two attributes are named ${a.name}`;
      attrs.add(a.name);
      if (a.values.length === 0) return `${l.name}.${a.name}: give at least one value`;
      if (new Set(a.values).size !== a.values.length) return `${l.name}.${a.name}: a value is listed twice`;
    }
  }
  return null;
}

/** The current name of a label that may have been renamed since a span was made. */
export function resolveLabel(schema: ProjectFile['schema'], label: string): string {
  if (schema.labels.some((l) => l.name === label)) return label;
  return schema.labels.find((l) => l.formerNames?.includes(label))?.name ?? label;
}

/** The four labels the model gives a meaning to (PRODUCT.md); a project may rename them. */
export type LabelRole = 'QUOTE' | 'CLAIM' | 'SOURCE' | 'CUE';
const ROLES: readonly LabelRole[] = ['QUOTE', 'CLAIM', 'SOURCE', 'CUE'];

/**
 * What a label means to the model: QUOTE (has a speaker, stance, source and cue), SOURCE,
 * CUE, CLAIM, or nothing. A label keeps its meaning through renames (its `formerNames`), so a
 * QUOTE renamed "Quotation" still takes a speaker.
 */
export function labelRole(labels: readonly LabelDef[], label: string): LabelRole | null {
  const def = labels.find((l) => l.name === label) ?? labels.find((l) => l.formerNames?.includes(label));
  const names = def ? [def.name, ...(def.formerNames ?? [])] : [label];
  return ROLES.find((r) => names.includes(r)) ?? null;
}

/** The current name of the label that has `role`, or the role itself when none has it. */
export function labelForRole(labels: readonly LabelDef[], role: LabelRole): string {
  return labels.find((l) => labelRole(labels, l.name) === role)?.name ?? role;
}
