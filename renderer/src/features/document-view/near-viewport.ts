/**
 * Tells paragraphs when they come near the visible part of the document, so a long article
 * draws its highlights only where the reader is (Recogito draws only what is in the viewport
 * too). One IntersectionObserver serves every paragraph; a paragraph asks once and stays drawn.
 * Without IntersectionObserver (jsdom) every paragraph counts as near at once.
 */
export class NearViewport {
  private observer: IntersectionObserver | null = null;
  private attached = false;
  private readonly waiting = new Map<Element, () => void>();

  /** Calls `onNear` once, when `el` first comes within the margin of the scrolling root. Answers a cancel. */
  observe(el: Element, onNear: () => void): () => void {
    if (this.attached && !this.observer) {
      onNear();
      return () => undefined;
    }
    this.waiting.set(el, onNear);
    this.observer?.observe(el);
    return () => {
      this.waiting.delete(el);
      this.observer?.unobserve(el);
    };
  }

  /** Starts watching inside `root` (null: the window) with `margin` (a CSS rootMargin); answers the disconnect. */
  attach(root: Element | null, margin: string): () => void {
    this.attached = true;
    if (typeof IntersectionObserver === 'undefined') {
      const all = [...this.waiting.values()];
      this.waiting.clear();
      for (const onNear of all) onNear();
      return () => undefined;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const onNear = this.waiting.get(entry.target);
          this.waiting.delete(entry.target);
          observer.unobserve(entry.target);
          onNear?.();
        }
      },
      { root, rootMargin: margin },
    );
    this.observer = observer;
    for (const el of this.waiting.keys()) observer.observe(el);
    return () => {
      observer.disconnect();
      this.observer = null;
      this.attached = false;
    };
  }
}
