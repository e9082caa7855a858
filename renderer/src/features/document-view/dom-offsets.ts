/**
 * Maps between DOM boundary points and UTF-16 offsets of the document text. The view renders
 * each paragraph as an element with `data-para-start` / `data-para-end` holding segment elements
 * with `data-start` / `data-end`; a point inside a text node is the nearest segment's start plus
 * the characters before it in that segment.
 */

/** Where a selection runs, in UTF-16 offsets; anchor is where it began, focus where it ends. */
export interface SelectionOffsets {
  anchor: number;
  focus: number;
}

const START = 'data-start';

function startOf(el: Element): number {
  return Number(el.getAttribute(START));
}

function endOf(el: Element): number {
  return Number(el.getAttribute('data-end'));
}

const PARA_START = 'data-para-start';

function paraStartOf(el: Element): number {
  return Number(el.getAttribute(PARA_START));
}

/** A run of paragraphs carries `data-run-start`; its children are paragraphs, in order. */
const RUN_START = 'data-run-start';

/** Start of a paragraph, or of a run (where its first paragraph starts). */
function blockStartOf(el: Element): number {
  return Number(el.getAttribute(el.hasAttribute(RUN_START) ? RUN_START : PARA_START));
}

/** The last of `blocks` (paragraphs or runs, in order) starting at or before `u16` (else the first). */
function lastStartingBy(blocks: HTMLCollection, u16: number): Element | null {
  if (blocks.length === 0) return null;
  let lo = 0;
  let hi = blocks.length - 1;
  let index = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blockStartOf(blocks[mid] as Element) <= u16) {
      index = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return blocks[index] as Element;
}

function paraEndOf(el: Element): number {
  return Number(el.getAttribute('data-para-end'));
}

function nearestHost(node: Node, root: Element): Element | null {
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (el.hasAttribute(START)) return el;
    if (el === root) return null;
  }
  return null;
}

function isPlaced(node: Node): node is Element {
  return node.nodeType === Node.ELEMENT_NODE && ((node as Element).hasAttribute(START) || (node as Element).hasAttribute(PARA_START));
}

/** Start of a segment or paragraph element (a paragraph starts where its first segment does). */
function placedStart(el: Element): number {
  return el.hasAttribute(START) ? startOf(el) : paraStartOf(el);
}

function placedEnd(el: Element): number {
  return el.hasAttribute(START) ? endOf(el) : paraEndOf(el);
}

/** Walks segment and paragraph elements in document order. */
function placedWalker(root: Element): TreeWalker {
  return root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => (isPlaced(n) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
}

/** The start of the first segment or paragraph at or after `node` in document order. */
function firstStartFrom(root: Element, node: Node): number | null {
  if (isPlaced(node)) return placedStart(node);
  const walker = placedWalker(root);
  walker.currentNode = node;
  const next = walker.nextNode() as Element | null;
  return next ? placedStart(next) : null;
}

/** The end of the last segment or paragraph that closes at or before the end of `node`'s content. */
function lastEndThrough(root: Element, node: Node): number | null {
  let deepest: Node = node;
  while (deepest.lastChild) deepest = deepest.lastChild;
  if (isPlaced(deepest)) return placedEnd(deepest);
  const walker = placedWalker(root);
  walker.currentNode = deepest;
  const prev = walker.previousNode() as Element | null;
  return prev ? placedEnd(prev) : null;
}

/**
 * UTF-16 offset of the DOM boundary point (node, offset) inside `root`, or null when the point
 * is outside it or in no offset-carrying element.
 */
export function boundaryToOffset(root: Element, node: Node, offset: number): number | null {
  if (node !== root && !root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const host = nearestHost(node, root);
    if (!host) return null;
    let before = 0;
    const walker = root.ownerDocument.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t && t !== node; t = walker.nextNode()) before += (t as Text).data.length;
    return Math.min(Math.max(startOf(host) + before + offset, startOf(host)), endOf(host));
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const children = el.childNodes;
  if (el.hasAttribute(START)) {
    if (offset <= 0) return startOf(el);
    if (offset >= children.length) return endOf(el);
  }
  const child = children[offset];
  if (child) {
    const after = firstStartFrom(root, child);
    if (after !== null) return after;
  }
  const previous = children[Math.min(offset, children.length) - 1];
  if (previous) return lastEndThrough(root, previous);
  // An empty paragraph has no segments: its own position is the answer.
  return isPlaced(el) ? placedStart(el) : null;
}

/**
 * The selection's anchor and focus as UTF-16 offsets. A point outside `root` is pinned to the
 * text's start or end depending on which side of the view it lies. Null when the selection does
 * not touch the view at all.
 */
export function selectionToOffsets(root: Element, selection: Selection | null, textLength: number): SelectionOffsets | null {
  if (!selection || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const pin = (node: Node, offset: number): number | null => {
    const inside = boundaryToOffset(root, node, offset);
    if (inside !== null) return inside;
    if (node === root || root.contains(node)) return null;
    // DOCUMENT_POSITION_FOLLOWING: `node` comes after root, so the point is past the text's end.
    return root.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING ? textLength : 0;
  };
  const anchor = pin(selection.anchorNode, selection.anchorOffset);
  const focus = pin(selection.focusNode, selection.focusOffset);
  if (anchor === null || focus === null) return null;
  return { anchor, focus };
}

/**
 * The DOM boundary point for a UTF-16 offset. `container` holds the paragraph elements as
 * children, in order, or runs of them (elements with `data-run-start` holding paragraphs); an offset in the line break between two paragraphs maps to the end of the
 * first.
 */
export function offsetToBoundary(container: Element, u16: number): { node: Node; offset: number } | null {
  let para = lastStartingBy(container.children, u16);
  // A run of paragraphs (data-run-start) holds its paragraphs the same way the container does.
  while (para && para.hasAttribute(RUN_START)) para = lastStartingBy(para.children, u16);
  if (!para) return null;
  const pos = Math.min(Math.max(u16, paraStartOf(para)), paraEndOf(para));
  const segments = para.children;
  for (let i = 0; i < segments.length; i += 1) {
    const seg = segments[i] as Element;
    const last = i === segments.length - 1;
    if (pos < endOf(seg) || (last && pos <= endOf(seg))) {
      const text = seg.firstChild;
      if (text && text.nodeType === Node.TEXT_NODE) return { node: text, offset: pos - startOf(seg) };
      return { node: seg, offset: pos > startOf(seg) ? seg.childNodes.length : 0 };
    }
  }
  return { node: para, offset: 0 };
}
