/** Where focus goes when nothing has it: the document list, so focus stays visible and keys work. */
export function focusHomeIfLost(): void {
  if (document.activeElement !== null && document.activeElement !== document.body) return;
  document.querySelector<HTMLElement>('[data-testid="doc-list"]')?.focus({ preventScroll: true });
}
