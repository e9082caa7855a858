/** Which binding a key press means: chord matching and context guards, pure so they are testable without a DOM. */
import type { Binding, KeyContext } from './bindings.js';
import { isDispatched } from './bindings.js';

/** The parts of a keydown the bindings look at. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Where the key press happens, read from focus and overlay state by the provider. */
export interface KeyEnv {
  /** Focus is in a text field (input, textarea, select, contenteditable): typing never triggers shortcuts. */
  typing: boolean;
  /** A dialog or menu is open: it owns the keys until it closes. */
  overlay: boolean;
  /** Focus is in the document text. */
  inText: boolean;
  /** Focus is in the document list. */
  inList: boolean;
  /** Focus is in the span list. */
  inSpanList: boolean;
  /** Focus is in the document pane, or nowhere (body). */
  inDocPane: boolean;
}

/** True when `context` applies in `env`. */
export function contextApplies(context: KeyContext, env: KeyEnv): boolean {
  switch (context) {
    case 'global':
      return true;
    case 'app':
    case 'document':
    case 'span':
    case 'review':
      return !env.typing && !env.overlay;
    case 'suggestions':
      return !env.typing && !env.overlay && env.inDocPane;
    case 'text':
      return env.inText;
    case 'list':
      return env.inList;
    case 'span-list':
      return env.inSpanList;
    case 'dialog':
    case 'control':
      return false;
  }
}

/** True when `press` is `chord`. Ctrl also means Cmd; Shift must match unless `anyShift`. */
export function matchChord(chord: string, press: KeyPress, anyShift = false): boolean {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  const ctrl = parts.includes('Ctrl');
  const alt = parts.includes('Alt');
  const shift = parts.includes('Shift');
  if (ctrl !== (press.ctrlKey || press.metaKey) || alt !== press.altKey) return false;
  if (!anyShift && shift !== press.shiftKey) return false;
  if (key === 'Space') return press.key === ' ';
  return key.length === 1 ? press.key.toLowerCase() === key.toLowerCase() : press.key === key;
}

/** A label key: one character, no Ctrl, Alt or Cmd (Shift allowed); the handler says whether it is a label's. */
function isLabelKey(press: KeyPress): boolean {
  return press.key.length === 1 && !press.ctrlKey && !press.metaKey && !press.altKey;
}

/** One binding that fits a key press, with the chord it matched (the character for label keys). */
export interface Candidate {
  binding: Binding;
  chord: string;
}

/**
 * The bindings `press` could mean in `env`, in table order, keeping those with a live handler
 * (`handled`). The dispatcher runs them in turn until one does not answer false.
 */
export function candidates(bindings: readonly Binding[], press: KeyPress, env: KeyEnv, handled: (id: string) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const binding of bindings) {
    if (!isDispatched(binding) || !handled(binding.id) || !contextApplies(binding.context, env)) continue;
    if (binding.labelKeys) {
      if (isLabelKey(press)) out.push({ binding, chord: press.key.toLowerCase() });
      continue;
    }
    const chord = binding.keys.find((k) => matchChord(k, press, binding.anyShift ?? false));
    if (chord !== undefined) out.push({ binding, chord });
  }
  return out;
}
