/** Helpers that decide whether a global key belongs to the app or to whatever has focus. */
import { anyOverlayOpen } from '../../ui/overlays.js';

/** True when the key goes to a text field (typing must never trigger shortcuts). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
}

/** True when a modal dialog or menu is open; those own the keyboard until closed. */
export function isOverlayOpen(): boolean {
  return anyOverlayOpen();
}

/** True for a plain key press without Ctrl, Alt or Meta (Shift allowed). */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.altKey && !event.metaKey;
}
