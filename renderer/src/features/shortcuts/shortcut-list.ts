/** Every key the app binds, grouped for the shortcut sheet. Label keys come from the project schema. */
import type { LabelDef } from '../../../../shared/model.js';

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
  return labels.map((l) => ({ keys: [l.key.toUpperCase()], action: `Label the selection ${l.name}` }));
}

/** The full sheet. */
export function shortcutGroups(labels: readonly LabelDef[]): ShortcutGroup[] {
  return [
    {
      title: 'Annotate',
      items: [
        ...labelShortcuts(labels),
        { keys: ['N', 'P'], action: 'Select the next / previous span' },
        { keys: ['Click'], action: 'Select the innermost span; click again for the one around it' },
        { keys: ['Delete', 'Backspace'], action: 'Delete the selected span' },
        { keys: ['Ctrl+Z'], action: 'Undo the last span creation or deletion' },
        { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'Redo' },
        { keys: ['D'], action: 'Mark the document done / reopen it' },
        { keys: ['Esc'], action: 'Clear the selection, then the selected span' },
      ],
    },
    {
      title: 'Select text (in the document)',
      items: [
        { keys: ['←', '→'], action: 'Move the caret by one character' },
        { keys: ['Ctrl+←', 'Ctrl+→'], action: 'Move by one word' },
        { keys: ['↑', '↓'], action: 'Previous / next paragraph' },
        { keys: ['Home', 'End'], action: 'Start / end of the paragraph (Ctrl: of the document)' },
        { keys: ['Shift+←', 'Shift+→'], action: 'Extend the selection by one character' },
        { keys: ['Ctrl+Shift+←', 'Ctrl+Shift+→'], action: 'Extend by one word' },
        { keys: ['Shift+↑', 'Shift+↓'], action: 'Extend to the paragraph start / end, then by whole paragraphs' },
        { keys: ['Shift+Home', 'Shift+End'], action: 'Extend to the paragraph start / end' },
        { keys: ['Ctrl+A'], action: 'Select the whole document' },
      ],
    },
    {
      title: 'Documents',
      items: [
        { keys: ['Alt+↓', 'Alt+↑'], action: 'Open the next / previous document' },
        { keys: ['↑', '↓', 'Enter'], action: 'In the list: move, open; Enter again goes to the text' },
        { keys: ['J', 'K'], action: 'In the list: open the next / previous document' },
        { keys: ['Tab'], action: 'Move between the list, the document and the details' },
      ],
    },
    {
      title: 'App',
      items: [
        { keys: ['Ctrl+O'], action: 'Open a corpus folder' },
        { keys: ['Alt+F', 'F10'], action: 'Open the File menu' },
        { keys: ['?'], action: 'Show this sheet' },
        { keys: ['Esc'], action: 'Close a dialog or menu' },
      ],
    },
  ];
}
