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
  return labels.filter((l) => l.key !== '').map((l) => ({ keys: [l.key.toUpperCase()], action: `Label the selection ${l.name}` }));
}

/** The full sheet. */
export function shortcutGroups(labels: readonly LabelDef[]): ShortcutGroup[] {
  return [
    {
      title: 'Annotate',
      items: [
        ...labelShortcuts(labels),
        { keys: ['N', 'P'], action: 'Select the next / previous span' },
        { keys: ['↑', '↓'], action: 'In the span list: select the previous / next span (the text scrolls to it)' },
        { keys: ['Click'], action: 'Select the innermost span; click again for the one around it' },
        { keys: ['A'], action: 'Add the selected text to the selected span as another fragment' },
        { keys: ['Delete', 'Backspace'], action: 'Delete the selected span' },
        { keys: ['D'], action: 'Mark the document done / reopen it' },
        { keys: ['M'], action: 'Place the highlighted orphaned span (its article changed on disk) at the selection' },
        { keys: ['Esc'], action: 'Clear the selection, then the selected span' },
      ],
    },
    {
      title: 'Selected span',
      items: [
        { keys: ['L'], action: 'Link a speaker: type a name, alias or description; Enter picks, ↑/↓ choose' },
        { keys: ['T'], action: 'Choose or add the target of the quote’s stance' },
        { keys: ['1', '2', '3'], action: 'Stance toward the target: favor / against / none (0 clears)' },
        { keys: ['R', 'U'], action: 'Link the quote’s source mention / cue (nearest first; Enter links)' },
        { keys: ['F'], action: 'Next value of the first attribute (form: direct, indirect, mixed)' },
        { keys: ['E'], action: 'Write a note (Ctrl+Enter saves, Esc cancels)' },
      ],
    },
    {
      title: 'Suggestions',
      items: [
        { keys: ['I', 'Shift+I'], action: 'Show suggested quotes, cues and speakers; then the next / previous one' },
        { keys: ['Enter'], action: 'Accept the focused suggestion (spans, links and speaker; Ctrl+Z undoes)' },
        { keys: ['X'], action: 'Reject the focused suggestion (it stays rejected)' },
        { keys: ['Shift+Enter'], action: 'Accept every suggestion in the document' },
        { keys: ['Esc'], action: 'Hide suggestions' },
      ],
    },
    {
      title: 'Undo and find',
      items: [
        { keys: ['Ctrl+Z'], action: 'Undo the last edit, in any document (speaker merges included)' },
        { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'Redo' },
        { keys: ['Ctrl+F'], action: 'Find in the document: Enter / Shift+Enter (or Ctrl+G / Ctrl+Shift+G) step, Esc selects the match' },
        { keys: ['Ctrl+Shift+F'], action: 'Search the corpus: text, quotes by speaker, stance, target, without speaker; ↑/↓ choose, Enter opens the hit' },
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
      title: 'Review mode',
      items: [
        { keys: ['N', 'P'], action: 'Next / previous group that needs a decision (conflicts and one-sided first)' },
        { keys: ['Shift+N', 'Shift+P'], action: 'Next / previous conflict' },
        { keys: ['1', '2', '…'], action: 'Accept that annotator’s version' },
        { keys: ['E'], action: 'Accept with edits: label, speaker, stance and form of the accepted span' },
        { keys: ['X', 'U'], action: 'Reject the group / undo its decision' },
        { keys: ['Shift+A'], action: 'Accept every unanimous group in the document' },
        { keys: ['Shift+C'], action: 'Accept every unanimous group in the whole corpus' },
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
        { keys: ['G'], action: 'Speakers and targets: duplicates (M merges), edit (E), delete unused' },
        { keys: ['O'], action: 'Corpus overview charts' },
        { keys: ['Shift+R'], action: 'Review a colleague’s layer, or open the agreement figures' },
        { keys: ['Alt+F', 'F10'], action: 'Open the File menu' },
        { keys: ['?'], action: 'Show this sheet' },
        { keys: ['Esc'], action: 'Close a dialog or menu' },
      ],
    },
  ];
}
