/** The keys of a listbox or combobox, shared by the speaker, target and link pickers. Pure but for the callbacks. */

export interface ListKeyHandlers {
  move(index: number): void;
  choose(index: number): void;
  close(): void;
}

/** ↑/↓ move through `count` options (wrapping), Enter chooses the active one, Escape closes. True when the key was handled. */
export function handleListKey(event: Pick<KeyboardEvent, 'key' | 'preventDefault' | 'stopPropagation'>, count: number, active: number, on: ListKeyHandlers): boolean {
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      event.preventDefault();
      if (count > 0) on.move((active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
      return true;
    case 'Enter':
      event.preventDefault();
      on.choose(active);
      return true;
    case 'Escape':
      event.preventDefault();
      event.stopPropagation();
      on.close();
      return true;
    default:
      return false;
  }
}
