// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { boundaryToOffset, offsetToBoundary, selectionToOffsets } from './dom-offsets.js';

// The text "Two 👍🏽 ok\n\nLast." (18 UTF-16 units) as the view renders it: paragraphs [0,11),
// [12,12) (the empty line) and [13,18); the emoji is 4 units at 4..8.
const HTML =
  '<p data-para-start="0" data-para-end="11"><span data-start="0" data-end="4">Two </span>' +
  '<span class="hl" data-start="4" data-end="11" data-span-ids="a">👍🏽 ok</span></p>' +
  '<p data-para-start="12" data-para-end="12"></p>' +
  '<p data-para-start="13" data-para-end="18"><span data-start="13" data-end="18">Last.</span></p>';

let root: HTMLElement;
let outsideBefore: HTMLElement;
let outsideAfter: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = '<p id="before">x</p><div id="root"></div><p id="after">y</p>';
  root = document.getElementById('root') as HTMLElement;
  root.innerHTML = HTML;
  outsideBefore = document.getElementById('before') as HTMLElement;
  outsideAfter = document.getElementById('after') as HTMLElement;
});

const para = (i: number) => root.children[i] as HTMLElement;
const text = (p: number, s: number) => (para(p).children[s] as HTMLElement).firstChild as Text;

describe('boundaryToOffset', () => {
  it('adds the text node offset to the segment start', () => {
    expect(boundaryToOffset(root, text(0, 0), 0)).toBe(0);
    expect(boundaryToOffset(root, text(0, 1), 5)).toBe(9);
    expect(boundaryToOffset(root, text(2, 0), 5)).toBe(18);
  });

  it('maps element boundaries to the segment after, or the end of the one before', () => {
    expect(boundaryToOffset(root, para(0), 1)).toBe(4);
    expect(boundaryToOffset(root, para(0), 2)).toBe(11);
    expect(boundaryToOffset(root, root, 1)).toBe(12);
    expect(boundaryToOffset(root, root, 2)).toBe(13);
    expect(boundaryToOffset(root, root, 3)).toBe(18);
    expect(boundaryToOffset(root, para(1), 0)).toBe(12);
    expect(boundaryToOffset(root, para(0).children[1] as Element, 1)).toBe(11);
  });

  it('knows nothing outside the view', () => {
    expect(boundaryToOffset(root, outsideBefore.firstChild as Text, 0)).toBeNull();
  });
});

describe('selectionToOffsets', () => {
  it('keeps the direction of a backwards selection', () => {
    const selection = document.getSelection() as Selection;
    selection.setBaseAndExtent(text(0, 1), 5, text(0, 0), 1);
    expect(selectionToOffsets(root, selection, 18)).toEqual({ anchor: 9, focus: 1 });
  });

  it('pins ends outside the view to the start or end of the text', () => {
    const selection = document.getSelection() as Selection;
    selection.setBaseAndExtent(outsideBefore.firstChild as Text, 0, text(2, 0), 2);
    expect(selectionToOffsets(root, selection, 18)).toEqual({ anchor: 0, focus: 15 });
    selection.setBaseAndExtent(text(0, 0), 2, outsideAfter.firstChild as Text, 1);
    expect(selectionToOffsets(root, selection, 18)).toEqual({ anchor: 2, focus: 18 });
  });

  it('is null when the selection lies elsewhere', () => {
    const selection = document.getSelection() as Selection;
    selection.setBaseAndExtent(outsideAfter.firstChild as Text, 0, outsideAfter.firstChild as Text, 1);
    expect(selectionToOffsets(root, selection, 18)).toBeNull();
    selection.removeAllRanges();
    expect(selectionToOffsets(root, selection, 18)).toBeNull();
  });
});

describe('offsetToBoundary', () => {
  it('finds the text node and offset for a position', () => {
    expect(offsetToBoundary(root, 9)).toEqual({ node: text(0, 1), offset: 5 });
    expect(offsetToBoundary(root, 4)).toEqual({ node: text(0, 1), offset: 0 });
    expect(offsetToBoundary(root, 11)).toEqual({ node: text(0, 1), offset: 7 });
    expect(offsetToBoundary(root, 12)).toEqual({ node: para(1), offset: 0 });
    expect(offsetToBoundary(root, 18)).toEqual({ node: text(2, 0), offset: 5 });
  });

  it('round-trips every position of the text', () => {
    for (let u = 0; u <= 18; u += 1) {
      const point = offsetToBoundary(root, u);
      if (!point) throw new Error(`no point for ${u}`);
      expect(boundaryToOffset(root, point.node, point.offset)).toBe(u);
    }
  });
});
