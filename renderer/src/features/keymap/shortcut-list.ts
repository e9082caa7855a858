/** The shortcut sheet's rows, generated from the binding table; label keys come from the project schema. */
import type { LabelDef } from '../../../../shared/model.js';
import { BINDINGS, KEY_GROUPS, displayChord, type Binding } from './bindings.js';

/** One row of the sheet. */
export interface Shortcut {
  keys: string[];
  action: string;
}

/** A titled group of rows. */
export interface ShortcutGroup {
  title: string;
  items: Shortcut[];
}

/** The keys that apply a label, e.g. Q → QUOTE. */
export function labelShortcuts(labels: readonly LabelDef[]): Shortcut[] {
  return labels.filter((l) => l.key !== '').map((l) => ({ keys: [l.key.toUpperCase()], action: `Label the selection ${l.name}` }));
}

/** The rows one binding makes: one per label for the label keys, else one. */
export function bindingRows(binding: Binding, labels: readonly LabelDef[]): Shortcut[] {
  if (binding.labelKeys) return labelShortcuts(labels);
  return [{ keys: (binding.shown ?? binding.keys).map(displayChord), action: binding.description }];
}

/** The full sheet: every binding of the table, grouped as the table groups them. */
export function shortcutGroups(labels: readonly LabelDef[], bindings: readonly Binding[] = BINDINGS): ShortcutGroup[] {
  return KEY_GROUPS.map((title) => ({ title, items: bindings.filter((b) => b.group === title).flatMap((b) => bindingRows(b, labels)) })).filter((g) => g.items.length > 0);
}
