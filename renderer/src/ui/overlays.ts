/**
 * Counts the modal dialogs and menus on screen, so global key handlers can tell in O(1) that
 * one owns the keyboard (a querySelector for them scanned every element of a long article,
 * several times per key press).
 */
let open = 0;

/** Marks a dialog or menu open; answers the function that marks it closed again (once). */
export function overlayOpened(): () => void {
  open += 1;
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    open -= 1;
  };
}

/** True while a dialog or menu marked with overlayOpened is open. */
export function anyOverlayOpen(): boolean {
  return open > 0;
}
