/** The keymap's guards: whether a key goes to a text field, and whether a dialog or menu owns the keys. */
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

