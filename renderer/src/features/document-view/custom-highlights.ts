/**
 * The CSS Custom Highlight API, feature-detected: ranges of the document text painted through
 * `::highlight(name)` rules with no change to the DOM (only paint). Find uses it for its hits;
 * a new span uses it for the frame before React draws the span's own element.
 */
import { offsetToBoundary } from './dom-offsets.js';
import { SELECTED_FILL_ALPHA, withAlpha } from './highlight-layout.js';

/** The part of `CSS.highlights` used here. */
export interface HighlightRegistry {
  set(name: string, value: HighlightLike): void;
  get(name: string): HighlightLike | undefined;
  delete(name: string): boolean;
}

/** The part of a `Highlight` (a set of ranges) used here. */
export interface HighlightLike {
  add(range: AbstractRange): void;
  delete(range: AbstractRange): boolean;
  has(range: AbstractRange): boolean;
  readonly size: number;
}

type HighlightConstructor = new (...ranges: AbstractRange[]) => HighlightLike;

/** The browser's highlight registry and constructor, or null where the API is missing (jsdom, old browsers). */
export function customHighlights(): { registry: HighlightRegistry; Highlight: HighlightConstructor } | null {
  const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
  const Highlight = (globalThis as { Highlight?: HighlightConstructor }).Highlight;
  return css?.highlights && typeof Highlight === 'function' ? { registry: css.highlights, Highlight } : null;
}

/** A DOM range over UTF-16 [start, end) of the text under `root`, or null when an end is not in it. */
export function textRange(root: HTMLElement, start: number, end: number): Range | null {
  const a = offsetToBoundary(root, start);
  const b = offsetToBoundary(root, end);
  if (!a || !b) return null;
  const range = root.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** The highlight name a new span of the `index`-th label is painted under (label names may hold any character). */
export function newSpanHighlightName(index: number): string {
  return `qb-new-${index}`;
}

/**
 * The `::highlight` rules for new spans, one per label: the fill a selected span of that label
 * gets (a new span is selected), so the first frame looks like the element React puts in next.
 */
export function newSpanHighlightCss(labels: readonly { color: string }[]): string {
  return labels.map((l, i) => `::highlight(${newSpanHighlightName(i)}) { background-color: ${withAlpha(l.color, SELECTED_FILL_ALPHA)}; }`).join('\n');
}

/**
 * Adds `css` to `doc` as a constructed style sheet (the page's CSP allows no inline `<style>`);
 * answers the function that takes it away again.
 */
export function adoptStyles(doc: Document, css: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

/**
 * New spans painted as custom highlights until their own elements are drawn: `show` paints one
 * range under a highlight name (one name per label), `drop` takes it away. Without the API
 * (`supported` false) nothing is painted and `show` answers false.
 */
export class NewSpanHighlights {
  private readonly shown = new Map<string, { name: string; range: AbstractRange }>();
  private readonly api: ReturnType<typeof customHighlights>;

  constructor(api: ReturnType<typeof customHighlights> = customHighlights()) {
    this.api = api;
  }

  get supported(): boolean {
    return this.api !== null;
  }

  /** How many new spans are painted now. */
  get size(): number {
    return this.shown.size;
  }

  /** Paints `range` as the new span `spanId` under highlight `name`. */
  show(spanId: string, range: AbstractRange, name: string): boolean {
    if (!this.api) return false;
    this.drop(spanId);
    const { registry, Highlight } = this.api;
    let highlight = registry.get(name);
    if (!highlight) {
      highlight = new Highlight();
      registry.set(name, highlight);
    }
    highlight.add(range);
    this.shown.set(spanId, { name, range });
    return true;
  }

  /** Takes the painting of `spanId` away, if any. */
  drop(spanId: string): void {
    const entry = this.shown.get(spanId);
    if (!entry || !this.api) return;
    this.shown.delete(spanId);
    const highlight = this.api.registry.get(entry.name);
    if (!highlight) return;
    highlight.delete(entry.range);
    if (highlight.size === 0) this.api.registry.delete(entry.name);
  }

  /** Drops every painted span `isDrawn` says now has its element (call it in the commit that drew them). */
  dropDrawn(isDrawn: (spanId: string) => boolean): void {
    for (const spanId of [...this.shown.keys()]) if (isDrawn(spanId)) this.drop(spanId);
  }

  /** Drops them all (the document closed). */
  clear(): void {
    for (const spanId of [...this.shown.keys()]) this.drop(spanId);
  }
}
