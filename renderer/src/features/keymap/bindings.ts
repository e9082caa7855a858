/**
 * The one table of commands and key bindings. Every key the app answers is a row here: the
 * keydown dispatcher (KeymapProvider) reads it, the shortcut sheet (`?`) and the user guide's
 * key table (`npm run docs:keys`) are generated from it, so a binding cannot exist unlisted.
 * Pure data: no DOM, no React, so the guide generator can read it under plain Node.
 */

/**
 * Where a binding applies. The dispatcher decides it from focus and overlay state:
 * - `global`: always, even while typing or with a dialog open.
 * - `app`, `document`, `span`, `review`: not while typing in a field, not while a dialog or menu is open.
 * - `suggestions`: as `document`, and only with focus in the document pane (or nowhere).
 * - `text`, `list`, `span-list`: only with focus in the document text, the document list, the span list.
 * - `dialog`, `control`: handled by the focused dialog or control itself; listed, never dispatched.
 * Whether a feature's keys are live at all (a document open, review mode on) is decided by the
 * feature registering its handlers (useCommandHandlers' `enabled`).
 */
export type KeyContext = 'global' | 'app' | 'document' | 'span' | 'suggestions' | 'review' | 'text' | 'list' | 'span-list' | 'dialog' | 'control';

/** The sheet's groups, in the order shown. */
export const KEY_GROUPS = ['Annotate', 'Selected span', 'Suggestions', 'Undo and find', 'Select text (in the document)', 'Review mode', 'Documents', 'App'] as const;

/** One group of the sheet and the guide. */
export type KeyGroup = (typeof KEY_GROUPS)[number];

/** One command and the keys bound to it. */
export interface Binding {
  /** Stable id; features register their handler under it. */
  id: string;
  /**
   * Chords as `[Ctrl+][Alt+][Shift+]Key`: Key is a character (case-insensitive) or a
   * KeyboardEvent key name (ArrowUp, Escape, Enter, Home, PageDown, F10, Space…); Ctrl also
   * means Cmd. Empty for `labelKeys`. `Click` names a mouse action (control rows only).
   */
  keys: readonly string[];
  context: KeyContext;
  group: KeyGroup;
  /** One line for people (the sheet and the guide). */
  description: string;
  /** Shift may be held too (keys that have always ignored it). */
  anyShift?: boolean;
  /** The keys as the sheet shows them when listing each would be noise (1 to 9). */
  shown?: readonly string[];
  /** The keys come from the project schema: each label's key applies it (one sheet row per label). */
  labelKeys?: boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Every binding, in dispatch order: the first row whose chord, context and handler fit takes the key. */
export const BINDINGS = [
  // Annotate.
  { id: 'label.apply', keys: [], context: 'document', group: 'Annotate', anyShift: true, labelKeys: true, description: 'Label the selection' },
  { id: 'span.neighbour', keys: ['N', 'P'], context: 'document', group: 'Annotate', anyShift: true, description: 'Select the next / previous span' },
  { id: 'span-list.move', keys: ['ArrowUp', 'ArrowDown'], context: 'span-list', group: 'Annotate', anyShift: true, description: 'In the span list: select the previous / next span (the text scrolls to it)' },
  { id: 'span.click', keys: ['Click'], context: 'control', group: 'Annotate', description: 'Select the innermost span; click again for the one around it' },
  { id: 'span.add-fragment', keys: ['A'], context: 'document', group: 'Annotate', anyShift: true, description: 'Add the selected text to the selected span as another fragment' },
  { id: 'span.delete', keys: ['Delete', 'Backspace'], context: 'document', group: 'Annotate', anyShift: true, description: 'Delete the selected span' },
  { id: 'document.toggle-done', keys: ['D'], context: 'document', group: 'Annotate', anyShift: true, description: 'Mark the document done / reopen it' },
  { id: 'orphan.place', keys: ['M'], context: 'document', group: 'Annotate', anyShift: true, description: 'Place the highlighted orphaned span (its article changed on disk) at the selection' },
  // Before suggest.hide: Esc clears the text's selection first, as the text's own handler used to run before the window's.
  { id: 'text.clear', keys: ['Escape'], context: 'text', group: 'Annotate', anyShift: true, description: 'Clear the selection, then the selected span' },

  // Selected span.
  { id: 'span.speaker', keys: ['L'], context: 'span', group: 'Selected span', anyShift: true, description: 'Link a speaker: type a name, alias or description; Enter picks, ↑/↓ choose' },
  { id: 'span.target', keys: ['T'], context: 'span', group: 'Selected span', anyShift: true, description: 'Choose or add the target of the quote’s stance' },
  { id: 'span.stance', keys: ['1', '2', '3', '0'], context: 'span', group: 'Selected span', anyShift: true, description: 'Stance toward the target: favor / against / none (0 clears)' },
  { id: 'span.link', keys: ['R', 'U'], context: 'span', group: 'Selected span', description: 'Link the quote’s source mention / cue (nearest first; Enter links)' },
  { id: 'span.attribute', keys: ['F'], context: 'span', group: 'Selected span', anyShift: true, description: 'Next value of the first attribute (form: direct, indirect, mixed)' },
  { id: 'span.note', keys: ['E'], context: 'span', group: 'Selected span', anyShift: true, description: 'Write a note (Ctrl+Enter saves, Esc cancels)' },

  // Suggestions.
  { id: 'suggest.step', keys: ['I', 'Shift+I'], context: 'suggestions', group: 'Suggestions', description: 'Show suggested quotes, cues and speakers; then the next / previous one' },
  { id: 'suggest.accept', keys: ['Enter'], context: 'suggestions', group: 'Suggestions', description: 'Accept the focused suggestion (spans, links and speaker; Ctrl+Z undoes)' },
  { id: 'suggest.reject', keys: ['X'], context: 'suggestions', group: 'Suggestions', description: 'Reject the focused suggestion (it stays rejected)' },
  { id: 'suggest.accept-all', keys: ['Shift+Enter'], context: 'suggestions', group: 'Suggestions', description: 'Accept every suggestion in the document' },
  { id: 'suggest.hide', keys: ['Escape'], context: 'suggestions', group: 'Suggestions', anyShift: true, description: 'Hide suggestions' },

  // Undo and find.
  { id: 'edit.undo', keys: ['Ctrl+Z'], context: 'app', group: 'Undo and find', description: 'Undo the last edit, in any document (speaker merges and review decisions included)' },
  { id: 'edit.redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], context: 'app', group: 'Undo and find', description: 'Redo' },
  { id: 'find.open', keys: ['Ctrl+F'], context: 'document', group: 'Undo and find', description: 'Find in the document: Enter / Shift+Enter (or Ctrl+G / Ctrl+Shift+G) step, Esc selects the match' },
  { id: 'search.open', keys: ['Ctrl+Shift+F'], context: 'app', group: 'Undo and find', description: 'Search the corpus: text, quotes by speaker, stance, target, without speaker; ↑/↓ choose, Enter opens the hit' },

  // Select text.
  { id: 'text.character', keys: ['ArrowLeft', 'ArrowRight'], context: 'text', group: 'Select text (in the document)', description: 'Move the caret by one character' },
  { id: 'text.word', keys: ['Ctrl+ArrowLeft', 'Ctrl+ArrowRight'], context: 'text', group: 'Select text (in the document)', description: 'Move by one word' },
  { id: 'text.paragraph', keys: ['ArrowUp', 'ArrowDown'], context: 'text', group: 'Select text (in the document)', description: 'Previous / next paragraph' },
  { id: 'text.edge', keys: ['Home', 'End', 'Ctrl+Home', 'Ctrl+End'], context: 'text', group: 'Select text (in the document)', description: 'Start / end of the paragraph (Ctrl: of the document)' },
  { id: 'text.extend-character', keys: ['Shift+ArrowLeft', 'Shift+ArrowRight'], context: 'text', group: 'Select text (in the document)', description: 'Extend the selection by one character' },
  { id: 'text.extend-word', keys: ['Ctrl+Shift+ArrowLeft', 'Ctrl+Shift+ArrowRight'], context: 'text', group: 'Select text (in the document)', description: 'Extend by one word' },
  { id: 'text.extend-paragraph', keys: ['Shift+ArrowUp', 'Shift+ArrowDown'], context: 'text', group: 'Select text (in the document)', description: 'Extend to the paragraph start / end, then by whole paragraphs' },
  { id: 'text.extend-edge', keys: ['Shift+Home', 'Shift+End', 'Ctrl+Shift+Home', 'Ctrl+Shift+End'], context: 'text', group: 'Select text (in the document)', description: 'Extend to the paragraph start / end (Ctrl: of the document)' },
  { id: 'text.select-all', keys: ['Ctrl+A'], context: 'text', group: 'Select text (in the document)', anyShift: true, description: 'Select the whole document' },

  // Review mode.
  { id: 'review.step', keys: ['N', 'P'], context: 'review', group: 'Review mode', description: 'Next / previous group that needs a decision (conflicts and one-sided first)' },
  { id: 'review.conflict', keys: ['Shift+N', 'Shift+P'], context: 'review', group: 'Review mode', description: 'Next / previous conflict' },
  { id: 'review.accept', keys: DIGITS, shown: ['1', '2', '…'], context: 'review', group: 'Review mode', anyShift: true, description: 'Accept that annotator’s version (Ctrl+Z undoes)' },
  { id: 'review.accept-edit', keys: ['E'], context: 'review', group: 'Review mode', description: 'Accept with edits: label, speaker, stance and form of the accepted span' },
  { id: 'review.reject-undo', keys: ['X', 'U'], context: 'review', group: 'Review mode', description: 'Reject the group / undo its decision (Ctrl+Z undoes either)' },
  { id: 'review.accept-unanimous', keys: ['Shift+A'], context: 'review', group: 'Review mode', description: 'Accept every unanimous group in the document' },
  { id: 'review.accept-unanimous-corpus', keys: ['Shift+C'], context: 'review', group: 'Review mode', description: 'Accept every unanimous group in the whole corpus' },

  // Documents.
  { id: 'document.neighbour', keys: ['Alt+ArrowDown', 'Alt+ArrowUp'], context: 'app', group: 'Documents', description: 'Open the next / previous document' },
  { id: 'list.move', keys: ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'Enter', 'Space'], context: 'list', group: 'Documents', anyShift: true, description: 'In the list: move (a row, a page, to either end), open; Enter again goes to the text' },
  { id: 'list.neighbour', keys: ['J', 'K'], context: 'list', group: 'Documents', description: 'In the list: open the next / previous document' },
  { id: 'pane.tab', keys: ['Tab'], context: 'control', group: 'Documents', description: 'Move between the list, the document and the details' },

  // App.
  { id: 'corpus.open', keys: ['Ctrl+O'], context: 'global', group: 'App', description: 'Open a corpus folder' },
  { id: 'view.speakers', keys: ['G'], context: 'app', group: 'App', description: 'Speakers and targets: duplicates (M merges), edit (E), delete unused' },
  { id: 'view.overview', keys: ['O'], context: 'app', group: 'App', description: 'Corpus overview charts' },
  { id: 'review.setup', keys: ['Shift+R'], context: 'app', group: 'App', description: 'Review a colleague’s layer, or open the agreement figures' },
  { id: 'menu.file', keys: ['Alt+F', 'F10'], context: 'global', group: 'App', anyShift: true, description: 'Open the File menu' },
  { id: 'sheet.open', keys: ['?'], context: 'app', group: 'App', anyShift: true, description: 'Show this sheet' },
  { id: 'dialog.close', keys: ['Escape'], context: 'dialog', group: 'App', description: 'Close a dialog or menu' },
] as const satisfies readonly Binding[];

/** The id of a command in the table; registering a handler for any other id is a compile error. */
export type CommandId = (typeof BINDINGS)[number]['id'];

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
};

/** A chord as people read it: arrows as ←→↑↓, Escape as Esc, letters in capitals. */
export function displayChord(chord: string): string {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  const shown = KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return [...parts, shown].join('+');
}

/** True for a binding the dispatcher runs (dialog and control rows are listed only). */
export function isDispatched(binding: Pick<Binding, 'context'>): boolean {
  return binding.context !== 'dialog' && binding.context !== 'control';
}
